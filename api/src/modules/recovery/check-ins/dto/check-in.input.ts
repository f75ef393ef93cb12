import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { stripInvisibleFormatting } from '../../../../common/validators';
import { CHECK_IN_TEXT_MAX } from '../check-in-rules';

/** Trimmed and cleaned; left empty it is simply not answered. */
const OptionalText = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const cleaned = stripInvisibleFormatting(value).trim();
    return cleaned === '' ? undefined : cleaned;
  });

@InputType()
export class CheckInInput {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, your local day: today (the default) or up to 7 days back.' })
  @IsOptional()
  @IsString({ message: 'Day must be a date written as YYYY-MM-DD.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Day must be a date written as YYYY-MM-DD.' })
  day?: string;

  @Field(() => Int, { description: '1 (very low) to 5 (very good).' })
  @IsInt({ message: 'Mood must be a whole number from 1 to 5.' })
  @Min(1, { message: 'Mood must be a whole number from 1 to 5.' })
  @Max(5, { message: 'Mood must be a whole number from 1 to 5.' })
  mood: number;

  @Field(() => Int, { description: '0 (none) to 4 (very strong).' })
  @IsInt({ message: 'Cravings must be a whole number from 0 to 4.' })
  @Min(0, { message: 'Cravings must be a whole number from 0 to 4.' })
  @Max(4, { message: 'Cravings must be a whole number from 0 to 4.' })
  cravings: number;

  @Field(() => Int, { nullable: true, description: 'How well you slept: 1 (very poorly) to 5 (very well).' })
  @IsOptional()
  @IsInt({ message: 'Sleep must be a whole number from 1 to 5.' })
  @Min(1, { message: 'Sleep must be a whole number from 1 to 5.' })
  @Max(5, { message: 'Sleep must be a whole number from 1 to 5.' })
  sleep?: number | null;

  @Field(() => String, { nullable: true, description: `What helped today (up to ${CHECK_IN_TEXT_MAX} characters).` })
  @OptionalText()
  @IsOptional()
  @IsString({ message: 'What helped must be text.' })
  @MaxLength(CHECK_IN_TEXT_MAX, { message: `What helped can be at most ${CHECK_IN_TEXT_MAX} characters.` })
  helped?: string | null;

  @Field(() => String, { nullable: true, description: `What was hard (up to ${CHECK_IN_TEXT_MAX} characters).` })
  @OptionalText()
  @IsOptional()
  @IsString({ message: 'What was hard must be text.' })
  @MaxLength(CHECK_IN_TEXT_MAX, { message: `What was hard can be at most ${CHECK_IN_TEXT_MAX} characters.` })
  hard?: string | null;
}
