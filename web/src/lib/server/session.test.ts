import { describe, expect, it } from 'vitest';
import { isPublicPath, safeLocalPath } from './session';

describe('isPublicPath', () => {
  it('lets a signed-out visitor reach the pages for getting back in', () => {
    for (const path of ['/signin', '/register', '/forgot-password', '/reset-password', '/help']) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });

  it('keeps every account page behind sign-in, the data export included', () => {
    for (const path of ['/', '/settings/account', '/settings/account/export', '/u/1', '/reset-passwords']) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});

describe('safeLocalPath', () => {
  it('keeps paths inside Kinship, normalised, with their query and fragment', () => {
    expect(safeLocalPath('/threads/1?page=2#p5')).toBe('/threads/1?page=2#p5');
    expect(safeLocalPath('/a/../threads/1')).toBe('/threads/1');
    expect(safeLocalPath('/threads/./1')).toBe('/threads/1');
  });

  it('refuses every way of leading to another site, before and after normalisation', () => {
    for (const attack of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/a/..//evil.example',
      '/.\\/evil.example',
      '/./\\evil.example',
      '/%2e//evil.example',
      '/a/b/../..//evil.example',
      '/\t/evil.example',
      '/\n//evil.example',
    ]) {
      expect(safeLocalPath(attack, '/fallback'), attack).toBe('/fallback');
    }
  });

  it('falls back on nothing at all', () => {
    expect(safeLocalPath(null)).toBe('/');
    expect(safeLocalPath('', '/moderation')).toBe('/moderation');
  });
});
