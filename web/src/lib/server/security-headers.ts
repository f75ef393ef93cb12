import { isLocalHttp } from './session';

/**
 * The policy for answers that are not pages SvelteKit renders (redirects, +server.ts endpoints,
 * client-side navigation data, the live-badge stream, calendar files): they load nothing, so
 * nothing is allowed. Pages get SvelteKit's own header instead (`kit.csp` in svelte.config.js, with
 * a fresh nonce per page), which keeps the same object-src, base-uri and frame-ancestors.
 */
export const NON_PAGE_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** Two years, subdomains included: once a browser has seen Kinship over HTTPS it never tries plain http. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Browser features Kinship never uses, switched off for its pages and anything they could embed.
 * (Copying to the clipboard stays allowed: the invite and calendar pages have copy buttons.) Only
 * features Chromium knows: it warns in the console about each name it does not recognise.
 */
const DENIED_FEATURES = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  // FLoC, replaced by browsing-topics; Chromium still knows the name.
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((feature) => `${feature}=()`).join(', ');

/** Headers every answer carries, whatever made it. */
export function securityHeaders(url: URL): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    // Nobody outside the community learns who is in it: no search engine keeps any of it.
    'x-robots-tag': 'noindex, nofollow',
    // For browsers without CSP frame-ancestors.
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
  // Plain http on this machine is development and tests; pinning localhost to HTTPS for two years
  // would break every other local project. Everywhere else Kinship is HTTPS only (like the cookie).
  if (!isLocalHttp(url)) headers['strict-transport-security'] = HSTS;
  return headers;
}

/**
 * `response` with the security headers set (replacing any an endpoint chose) and the non-page CSP
 * when SvelteKit did not write one. A response whose headers cannot change (one passed on from
 * `fetch`) is copied first.
 */
export function withSecurityHeaders(response: Response, url: URL): Response {
  const apply = (headers: Headers) => {
    for (const [name, value] of Object.entries(securityHeaders(url))) headers.set(name, value);
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', NON_PAGE_CSP);
  };
  try {
    apply(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    apply(copy.headers);
    return copy;
  }
}
