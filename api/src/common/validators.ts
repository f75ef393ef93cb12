import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
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
    Matches(/^\P{Default_Ignorable_Code_Point}*$/u, {
      message: 'Display name cannot contain invisible characters.',
    }),
    Matches(new RegExp(`^(?!${FORMER_MEMBER_NAME}$)`, 'iu'), {
      message: `Display name cannot be "${FORMER_MEMBER_NAME}": it stands for members who have left.`,
    }),
  );
}

/**
 * Characters that change how text around them is shown without being seen themselves: bidi
 * embeddings, overrides and isolates (U+202A-202E, U+2066-2069; "Hello\u202Egnp.exe" shows as
 * "Helloexe.png"), the direction marks, zero-width space, word joiner and invisible operators, the
 * byte-order mark and the Mongolian vowel separator.
 */
const INVISIBLE_FORMATTING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060-\u2064\uFEFF\u180E]/g;
const EMOJI_BEFORE = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
const LETTER_BEFORE = /\p{L}\p{M}*$/u;
const LETTER_AFTER = /^\p{L}/u;

/**
 * `text` without invisible formatting characters. The two joiners stay only where writing needs
 * them: ZWJ between emoji (a family emoji is three joined into one), ZWNJ between letters (Persian
 * and several Indic scripts shape words with it).
 */
export function stripInvisibleFormatting(text: string): string {
  return text.replace(INVISIBLE_FORMATTING, '').replace(/[\u200C\u200D]/g, (joiner, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 4), offset);
    const after = whole.slice(offset + 1, offset + 3);
    const keep = joiner === '\u200D' ? EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after) : LETTER_BEFORE.test(before) && LETTER_AFTER.test(after);
    return keep ? joiner : '';
  });
}

/**
 * Half of a UTF-16 surrogate pair without its other half ("\uD800"): not a character at all, though
 * JSON lets a client send one. PostgreSQL would quietly store U+FFFD in its place, so the
 * RefuseUnstorableTextPipe refuses it in every argument.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** "organization" -> "Organization", "contentWarning" -> "Content warning": a field as a sentence names it. */
export function fieldLabel(property: string): string {
  const words = property.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** For text others see (titles, names, places, bios): trimmed, and without invisible formatting characters. */
export function CleanText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? stripInvisibleFormatting(value).trim() : value));
}

/** Trims surrounding whitespace before validation (strings only). */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/** A string with something besides whitespace: `@Validate(NotBlank, { message })`. */
@ValidatorConstraint({ name: 'notBlank' })
export class NotBlank implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.trim().length > 0;
  }
}
