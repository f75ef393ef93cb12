import { createHash, randomBytes, randomInt } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** 32 random bytes, URL-safe: session tokens and similar bearer secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

// Crockford's base 32 without I, L, O, U: easy to read aloud and to type from a letter.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 15-character invite code in groups of five ("K7QF2-9XHDM-3WPAT"): 75 bits of randomness. */
export function randomInviteCode(): string {
  const chars = Array.from({ length: 15 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 5, 10].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** Codes are compared without regard to case, spaces or dashes, and with O/I/L read as 0/1/1. */
export function normalizeInviteCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
