import { describe, expect, it } from 'vitest';
import { normalizeInviteCode, randomInviteCode, randomToken, sha256 } from './crypto';

describe('invite codes', () => {
  it('are three groups of five readable characters', () => {
    const code = randomInviteCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('are compared without regard to case, spaces, dashes and look-alike letters', () => {
    expect(normalizeInviteCode(' k7qf2-9xhdm 3wpat ')).toBe('K7QF29XHDM3WPAT');
    expect(normalizeInviteCode('O0IL1')).toBe('00111');
  });

  it('a generated code survives normalization unchanged apart from dashes', () => {
    const code = randomInviteCode();
    expect(normalizeInviteCode(code)).toBe(code.replace(/-/g, ''));
  });
});

describe('tokens', () => {
  it('are long, URL-safe and distinct', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(sha256(a)).toHaveLength(64);
  });
});
