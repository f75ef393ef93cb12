import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'kinship_session';
const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/** Plain http is only acceptable on this machine (development and tests); anywhere else the cookie is Secure. */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: !isLocalHttp(url),
    maxAge: THIRTY_DAYS_SECONDS,
  });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: !isLocalHttp(url) });
}

/** Pages a signed-out visitor may see. Everything else sends them to sign in. */
// /calendar/<token>.ics: a member's private calendar feed, fetched by calendar apps without a
// session (the token in the link is the key; the route checks it).
// /forgot-password and /reset-password: getting back in without a session (the reset token in the
// link is the key; the api checks it).
const PUBLIC_PATHS = [
  '/signin',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/help',
  '/suspended',
  '/unsubscribe',
  '/calendar',
];

/**
 * Paths that take a cross-site form POST on purpose: one-click unsubscribe (RFC 8058) is posted by
 * mail providers, with no Origin header. The signed token in the link is the only key it needs.
 */
const CROSS_SITE_POST_PATHS = ['/unsubscribe'];

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * SvelteKit's own check (kit.csrf), kept for every other path: a form submission (POST, PUT, PATCH
 * or DELETE with a form content type) must come from Kinship's own origin.
 */
export function isCrossSiteFormSubmission(request: Request, url: URL): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
  const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) return false;
  if (CROSS_SITE_POST_PATHS.includes(url.pathname)) return false;
  return request.headers.get('origin') !== url.origin;
}

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return true;
  // Static files normally never reach the hooks (the server answers them first); just in case.
  return pathname.startsWith('/_app/') || pathname === '/favicon.svg' || pathname === '/robots.txt';
}

/** Starts with one slash and goes on with neither a slash nor a backslash: a path on this site. */
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/**
 * A path inside Kinship to return to, or `fallback`. Refuses anything that could lead elsewhere
 * (`//evil.example`, `/\evil.example`, absolute URLs), so `?next=` cannot be an open redirect. The
 * check runs again on the normalised result: `/.//evil.example` and `/a/..//evil.example` only
 * become `//evil.example` once their dot segments are resolved.
 */
export function safeLocalPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !isLocalPath(value)) return fallback;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  try {
    const parsed = new URL(value, 'http://kinship.invalid');
    if (parsed.origin !== 'http://kinship.invalid') return fallback;
    const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    return isLocalPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}
