import { describe, expect, it } from 'vitest';
import { hasRole } from './roles.js';

describe('hasRole', () => {
  it('ranks admin above moderator above member', () => {
    expect(hasRole('ADMIN', 'MODERATOR')).toBe(true);
    expect(hasRole('MODERATOR', 'MODERATOR')).toBe(true);
    expect(hasRole('MODERATOR', 'ADMIN')).toBe(false);
    expect(hasRole('MEMBER', 'MODERATOR')).toBe(false);
    expect(hasRole('MEMBER', 'MEMBER')).toBe(true);
  });
});
