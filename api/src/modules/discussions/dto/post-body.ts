import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Validate,
} from 'class-validator';
import { LIMITS, SENSITIVE_TOPICS } from '@kinship/shared';
import { NotBlank, Trim } from '../../../common/validators';

/** A post body: Markdown, 1 to 20,000 characters, not only whitespace. */
export function IsPostBody(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'Body must be text.' }),
    Validate(NotBlank, { message: 'Body cannot be empty.' }),
    Length(LIMITS.postBodyMin, LIMITS.postBodyMax, {
      message: `Body can be at most ${LIMITS.postBodyMax.toLocaleString('en-US')} characters.`,
    }),
  );
}

/** An optional short content warning shown before the post ("mentions a return to use"). */
export function IsContentWarning(): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsOptional(),
    IsString({ message: 'Content warning must be text.' }),
    MaxLength(LIMITS.contentWarningMax, {
      message: `Content warning can be at most ${LIMITS.contentWarningMax} characters.`,
    }),
  );
}

/** Optional sensitive-topic tags, each at most once. */
export function IsTopics(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray({ message: 'Topics must be a list.' }),
    ArrayUnique({ message: 'Topics must not repeat.' }),
    ArrayMaxSize(SENSITIVE_TOPICS.length, { message: 'Too many topics.' }),
    IsIn(SENSITIVE_TOPICS, { each: true, message: 'Topics must be chosen from the list.' }),
  );
}
