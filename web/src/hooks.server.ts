import { isHttpError, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { ViewerDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loggedCookies, redirectAnswer } from '$lib/server/redirects';
import { withSecurityHeaders } from '$lib/server/security-headers';
import {
  clearSessionCookie,
  isCrossSiteFormSubmission,
  isPublicPath,
  SESSION_COOKIE,
} from '$lib/server/session';

/**
 * Every answer leaves with the security headers (CSP, HSTS outside localhost, nosniff, referrer and
 * permissions policies, noindex): pages, redirects, error pages and +server.ts endpoints alike.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = crypto.randomUUID();
  const response = withSecurityHeaders(await answer(event, resolve), event.url);
  // Quoted by a member reporting a problem, it finds the web's and the api's log lines for it.
  response.headers.set('x-request-id', event.locals.requestId);
  // Pages carry health-adjacent conversations: keep them out of shared and back/forward caches.
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  return response;
};

async function answer(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
  if (isCrossSiteFormSubmission(event.request, event.url)) {
    return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  event.locals.user = null;
  event.locals.token = null;
  event.locals.apiUnreachable = false;
  event.locals.suspension = null;

  // Redirects are answered here rather than thrown (SvelteKit would send a thrown one without the
  // security headers), and SvelteKit adds cookie changes only to answers from `resolve`: the
  // session cookie's removal is noted so these answers carry it too.
  const cookieChanges: string[] = [];
  const own = (response: Response): Response => {
    for (const line of cookieChanges) response.headers.append('set-cookie', line);
    return response;
  };

  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    try {
      const result = await request(ViewerDocument, {}, { token, event });
      if (result.data?.me) {
        event.locals.user = result.data.me;
        event.locals.token = token;
      } else if (result.error?.suspendedUntil) {
        // Suspended: the session is kept (it works again when the suspension ends), and the member
        // sees one calm page saying until when, instead of the app.
        event.locals.suspension = { until: result.error.suspendedUntil, message: result.error.message };
      } else if (result.data || result.error.code === 'UNAUTHENTICATED') {
        // Expired or revoked session: forget it so the member is simply asked to sign in again.
        clearSessionCookie(loggedCookies(event.cookies, cookieChanges), event.url);
      } else {
        // The api answered with some other failure: the session may well be fine, so do not send
        // the member to sign in; the page explains instead.
        event.locals.apiUnreachable = true;
      }
    } catch (cause) {
      // The api is down. Public pages (crisis help first of all) still render; other pages show
      // the calm "having trouble reaching its server" page from their load.
      if (!isHttpError(cause, 503)) throw cause;
      event.locals.apiUnreachable = true;
    }
  }

  const pathname = event.url.pathname;
  if (event.locals.suspension && !isPublicPath(pathname) && pathname !== '/signout') {
    return own(redirectAnswer(event, 303, '/suspended'));
  }
  if (pathname === '/notifications/stream' && !event.locals.user) {
    // The live unread count is for signed-in members; EventSource gets a plain answer, not a page.
    return own(
      new Response('Sign in to see your notifications.', {
        status: 401,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      }),
    );
  }
  if (!event.locals.user && !event.locals.apiUnreachable && !isPublicPath(pathname)) {
    // The right answer for a page, a client-side navigation's data request or an enhanced form
    // submission alike (see redirectAnswer).
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + event.url.search)}`;
    return own(redirectAnswer(event, 303, `/signin${next}`));
  }

  return resolve(event);
}

/** Unexpected failures: logged with the route only (never bodies or personal data), told kindly. */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) {
    console.error(
      JSON.stringify({
        level: 50,
        service: 'web',
        msg: 'unexpected error',
        requestId: event.locals.requestId,
        route: event.route.id,
        status,
        err: error instanceof Error ? error.stack : String(error),
      }),
    );
  }
  // 'Not Found' is SvelteKit's own wording; the error page replaces it with a kinder sentence.
  return {
    message: status === 404 ? 'Not Found' : 'Something went wrong on our side. Please try again in a moment.',
  };
};
