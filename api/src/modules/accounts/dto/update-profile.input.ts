import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { IsDisplayName, IsTimeZone, CleanText, Trim } from '../../../common/validators';

/** Only the fields given are changed; an empty bio or pronouns clears it. */
@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsDisplayName()
  displayName?: string;

  @Field(() => String, { nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.bioMax, { message: `Bio can be at most ${LIMITS.bioMax} characters.` })
  bio?: string;

  @Field(() => String, { nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.pronounsMax, { message: `Pronouns can be at most ${LIMITS.pronounsMax} characters.` })
  pronouns?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
