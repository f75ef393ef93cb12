import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
  clearSessionCookie,
  isLocalHttp,
  isPublicPath,
  safeLocalPath,
  SESSION_COOKIE,
  setSessionCookie,
} from './session';

type CookieOptions = Parameters<Cookies['set']>[2];

/** Records what the session helpers ask SvelteKit to send. */
function recordingCookies() {
  const calls: { op: 'set' | 'delete'; name: string; value?: string; options: CookieOptions }[] = [];
  const cookies = {
    set: (name: string, value: string, options: CookieOptions) =>
      calls.push({ op: 'set', name, value, options }),
    delete: (name: string, options: CookieOptions) => calls.push({ op: 'delete', name, options }),
  } as unknown as Cookies;
  return { cookies, calls };
}

describe('the session cookie', () => {
  const elsewhere = [
    'https://kinship.example/signin',
    'http://kinship.example/signin',
    'https://localhost/signin',
    'http://localhost.evil.example/signin',
    'http://127.0.0.1.nip.io/signin',
    'http://10.0.0.5:3000/signin',
  ];
  const local = ['http://localhost:5173/signin', 'http://127.0.0.1:3000/signin', 'http://[::1]:3000/signin'];

  it('is Secure everywhere but plain http on this machine', () => {
    for (const url of elsewhere) expect(isLocalHttp(new URL(url)), url).toBe(false);
    for (const url of local) expect(isLocalHttp(new URL(url)), url).toBe(true);
    for (const url of [...elsewhere, ...local]) {
      const { cookies, calls } = recordingCookies();
      setSessionCookie(cookies, new URL(url), 'the-token');
      clearSessionCookie(cookies, new URL(url));
      expect(
        calls.map((c) => c.options.secure),
        url,
      ).toEqual(local.includes(url) ? [false, false] : [true, true]);
    }
  });

  it('is HttpOnly, SameSite=Lax, Path=/, for 30 days, and is removed with the same flags', () => {
    const { cookies, calls } = recordingCookies();
    setSessionCookie(cookies, new URL('https://kinship.example/signin'), 'the-token');
    clearSessionCookie(cookies, new URL('https://kinship.example/signout'));
    expect(calls).toEqual([
      {
        op: 'set',
        name: SESSION_COOKIE,
        value: 'the-token',
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 30 * 24 * 60 * 60 },
      },
      {
        op: 'delete',
        name: SESSION_COOKIE,
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true },
      },
    ]);
    // No Domain: the cookie stays with the host that set it, never its subdomains.
    expect(calls.every((c) => !('domain' in c.options))).toBe(true);
  });
});

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
