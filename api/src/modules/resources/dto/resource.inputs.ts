import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { PageArgs } from '../../../graphql/connection';
import { CleanText, Trim } from '../../../common/validators';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} -]{0,29}$/u;

@InputType({ isAbstract: true })
class ResourceFields {
  @Field({ nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @Length(3, LIMITS.resourceTitleMax, { message: `Title must be between 3 and ${LIMITS.resourceTitleMax} characters.` })
  title?: string;

  @Field({ nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @Length(2, LIMITS.resourceOrganizationMax, { message: `Organisation must be between 2 and ${LIMITS.resourceOrganizationMax} characters.` })
  organization?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.resourceDescriptionMax, { message: `Description can be at most ${LIMITS.resourceDescriptionMax.toLocaleString('en-US')} characters.` })
  description?: string;

  @Field(() => String, { nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.resourceLocationMax, { message: `Location can be at most ${LIMITS.resourceLocationMax} characters.` })
  location?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  remote?: boolean;

  @Field(() => String, { nullable: true, description: 'http(s) only.' })
  @Trim()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'Link must be a full http:// or https:// address.' })
  @MaxLength(500, { message: 'Link can be at most 500 characters.' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'Managed tags (see resourceTags) or your own.' })
  @IsOptional()
  @IsArray({ message: 'Tags must be a list.' })
  @ArrayMaxSize(LIMITS.resourceTagsMax, { message: `A posting can have at most ${LIMITS.resourceTagsMax} tags.` })
  @Matches(TAG, { each: true, message: 'Each tag must be 1 to 30 letters, digits, spaces or dashes.' })
  tags?: string[];

  @Field(() => String, { nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.resourceContactMax, { message: `Contact can be at most ${LIMITS.resourceContactMax} characters.` })
  contact?: string | null;

  @Field(() => Int, { nullable: true, description: `Days until it leaves the board (default ${LIMITS.resourceExpiryDaysDefault}, at most ${LIMITS.resourceExpiryDaysMax}).` })
  @IsOptional()
  @IsInt({ message: 'Expiry must be a whole number of days.' })
  @Min(1, { message: 'Expiry must be at least 1 day.' })
  @Max(LIMITS.resourceExpiryDaysMax, { message: `Expiry can be at most ${LIMITS.resourceExpiryDaysMax} days.` })
  expiresInDays?: number;
}

@InputType()
export class CreateResourceInput extends ResourceFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'Board must be chosen from the list.' })
  boardId: string;
}

@InputType()
export class UpdateResourceInput extends ResourceFields {}

@ArgsType()
export class ResourcesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Board id is not valid.' })
  boardId?: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(30, { message: 'Tag can be at most 30 characters.' })
  tag?: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Search text can be at most 200 characters.' })
  query?: string;
}

@InputType()
export class CreateResourceBoardInput {
  @Field()
  @CleanText()
  @IsString()
  @Length(2, 60, { message: 'Name must be between 2 and 60 characters.' })
  name: string;

  @Field({ nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'Description can be at most 300 characters.' })
  description?: string;

  @Field(() => Int, { nullable: true, description: 'Sort position; defaults to after the last board.' })
  @IsOptional()
  @IsInt({ message: 'Position must be a whole number.' })
  @Min(0, { message: 'Position must be 0 or more.' })
  @Max(10_000, { message: 'Position can be at most 10000.' })
  position?: number;
}
