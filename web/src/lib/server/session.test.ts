import { describe, expect, it } from 'vitest';
import { isPublicPath } from './session';

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
