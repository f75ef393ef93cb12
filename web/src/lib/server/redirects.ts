import type { Cookies, RequestEvent } from '@sveltejs/kit';

/**
 * The answer SvelteKit gives for `redirect(status, location)`, made by the handle hook itself:
 * SvelteKit answers a redirect thrown from the hook outside it, without the security headers. For
 * a client-side navigation's data request and an enhanced form submission (`use:enhance` sends
 * `x-sveltekit-action: true`) it is the JSON SvelteKit's client follows, otherwise a plain HTTP
 * redirect.
 */
export function redirectAnswer(
  event: Pick<RequestEvent, 'request' | 'isDataRequest'>,
  status: number,
  location: string,
): Response {
  if (event.isDataRequest) return Response.json({ type: 'redirect', location });
  if (event.request.method === 'POST' && event.request.headers.get('x-sveltekit-action') === 'true') {
    return Response.json({ type: 'redirect', status, location });
  }
  return new Response(null, { status, headers: { location } });
}

/**
 * `cookies`, also noting each change as a Set-Cookie line in `log`. SvelteKit writes cookie changes
 * only onto answers that come from `resolve`; an answer the hook makes itself carries them this way.
 */
export function loggedCookies(cookies: Cookies, log: string[]): Cookies {
  return {
    get: (name, options) => cookies.get(name, options),
    getAll: (options) => cookies.getAll(options),
    serialize: (name, value, options) => cookies.serialize(name, value, options),
    set(name, value, options) {
      cookies.set(name, value, options);
      log.push(cookies.serialize(name, value, options));
    },
    delete(name, options) {
      cookies.delete(name, options);
      log.push(cookies.serialize(name, '', { ...options, maxAge: 0 }));
    },
  };
}
