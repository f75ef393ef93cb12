import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, registerDecorator, ValidationOptions } from 'class-validator';
import { FORMER_MEMBER_NAME, LIMITS } from '@kinship/shared';

export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name the runtime knows, such as America/Chicago. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'Time zone must be an IANA time zone such as America/Chicago.', ...options },
      validator: { validate: isTimeZone },
    });
}

/**
 * A pseudonym others see and @mention: letters (any script), digits, space, dot, dash, underscore,
 * starting with a letter or digit.
 */
export function IsDisplayName(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'Display name must be text.' }),
    Length(LIMITS.displayNameMin, LIMITS.displayNameMax, {
      message: `Display name must be between ${LIMITS.displayNameMin} and ${LIMITS.displayNameMax} characters.`,
    }),
    Matches(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, {
      message: 'Display name may use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.',
    }),
    Matches(new RegExp(`^(?!${FORMER_MEMBER_NAME}$)`, 'iu'), {
      message: `Display name cannot be "${FORMER_MEMBER_NAME}": it stands for members who have left.`,
    }),
  );
}

/** Trims surrounding whitespace before validation (strings only). */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}
