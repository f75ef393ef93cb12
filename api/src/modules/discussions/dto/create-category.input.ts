import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@kinship/shared';
import { CleanText } from '../../../common/validators';

@InputType()
export class CreateCategoryInput {
  @Field()
  @CleanText()
  @IsString()
  @Length(LIMITS.categoryNameMin, LIMITS.categoryNameMax, {
    message: `Name must be between ${LIMITS.categoryNameMin} and ${LIMITS.categoryNameMax} characters.`,
  })
  name: string;

  @Field(() => String, { nullable: true })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.categoryDescriptionMax, {
    message: `Description can be at most ${LIMITS.categoryDescriptionMax} characters.`,
  })
  description?: string;

  @Field(() => Int, { nullable: true, description: 'Sort position; defaults to after the last category.' })
  @IsOptional()
  @IsInt({ message: 'Position must be a whole number.' })
  @Min(0, { message: 'Position must be 0 or more.' })
  @Max(10_000, { message: 'Position can be at most 10000.' })
  position?: number;
}
