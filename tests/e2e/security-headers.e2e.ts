import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const ROUTES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'src', 'routes');

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const LOGOUT = `mutation { logout }`;
const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id thread { id } } } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const BOARDS = `query { resourceBoards { id } }`;
const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
const CELEBRATE = `mutation($input: CelebrateInput!) { celebrate(input: $input) { id } }`;
const SET_RECOVERY = `mutation($date: Date!) { setRecoveryStart(announce: false, date: $date, visibility: ONLY_ME) { daysSober } }`;
const FLAG = `mutation($input: FlagInput!) { flag(input: $input) }`;
const QUEUE = `query { moderationQueue { edges { node { id } } } }`;

/** Stands in for ids nothing has: those pages answer 404, which must carry the headers too. */
const NOWHERE = '00000000-0000-4000-8000-000000000000';

/**
 * Pages a signed-out visitor may open (the password-reset pages may not exist yet). The token
 * links (/unsubscribe, /calendar/<token>.ics) and /suspended are public as well; each checks its
 * own key or sends the visitor on.
 */
const PUBLIC = [
  '/signin',
  '/register',
  '/help',
  '/forgot-password',
  '/reset-password',
  '/suspended',
  '/unsubscribe',
  '/calendar',
];

interface Route {
  /** The route as in the folders, without groups: `/threads/[id]`. */
  pattern: string;
  kind: 'page' | 'endpoint';
}

/** Every page and +server.ts endpoint, read from web/src/routes. */
function routes(dir = ROUTES, segments: string[] = []): Route[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
  const pattern = `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join('/')}`;
  const found: Route[] = [];
  // A GET for HTML goes to the page where a folder has both (/unsubscribe: page and one-click POST).
  if (['+page.svelte', '+page.server.ts', '+page.ts'].some((f) => files.has(f)))
    found.push({ pattern, kind: 'page' });
  else if (files.has('+server.ts')) found.push({ pattern, kind: 'endpoint' });
  for (const entry of entries.filter((e) => e.isDirectory())) {
    found.push(...routes(join(dir, entry.name), [...segments, entry.name]));
  }
  return found;
}

function isPublic(path: string): boolean {
  return PUBLIC.some((p) => path === p || path.startsWith(`${p}/`));
}

/** A route's directives, name -> sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** The headers every answer carries: page, redirect, 404, endpoint. */
function expectSecurityHeaders(res: Response, where: string): void {
  const csp = directives(res.headers.get('content-security-policy') ?? '');
  expect(csp.get('object-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(csp.get('base-uri'), `${where}: base-uri`).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), where).toBe('same-origin');
  const permissions = res.headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
    expect(permissions, `${where}: permissions-policy`).toContain(`${feature}=()`);
  }
  expect(res.headers.get('x-robots-tag'), where).toBe('noindex, nofollow');
  // Plain http on 127.0.0.1: no HSTS (it would pin the address to HTTPS for two years).
  expect(res.headers.get('strict-transport-security'), where).toBe(null);
}

/** A server-rendered page: the CSP has this answer's nonce and no unsafe script sources, and the page says noindex. */
async function expectPage(res: Response, where: string): Promise<string> {
  expect(res.headers.get('content-type') ?? '', where).toContain('text/html');
  const csp = directives(res.headers.get('content-security-policy') ?? '');
  expect(csp.get('default-src'), where).toEqual(["'self'"]);
  const scripts = csp.get('script-src') ?? [];
  expect(scripts, where).toContain("'self'");
  expect(scripts.join(' '), where).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  const nonce = scripts.find((s) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(s))?.slice(7, -1);
  expect(nonce, `${where}: script-src nonce`).toBeTruthy();
  const html = await res.text();
  expect(html, where).toContain('<meta name="robots" content="noindex, nofollow" />');
  // The one inline script (SvelteKit's start-up) carries it; no other inline script exists.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(inline.length, `${where}: inline scripts`).toBeGreaterThan(0);
  for (const attributes of inline) expect(attributes, where).toContain(`nonce="${nonce}"`);
  expect(html, where).not.toMatch(/\son[a-z]+="/);
  return nonce!;
}

function isHtml(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').startsWith('text/html');
}

/** SvelteKit's fixed error page (web/src/error.html), which an endpoint's error gets: no scripts at all. */
async function expectStaticErrorPage(res: Response, where: string): Promise<void> {
  expect(directives(res.headers.get('content-security-policy') ?? '').get('default-src'), where).toEqual([
    "'none'",
  ]);
  const html = await res.text();
  expect(html, where).toContain('<meta name="robots" content="noindex, nofollow" />');
  expect(html, where).not.toContain('<script');
}

/** Fetches without following redirects; a stream (the live badge) is cut once the headers are in. */
async function get(url: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(url, {
    redirect: 'manual',
    headers: { accept: 'text/html', ...(token ? { cookie: `kinship_session=${token}` } : {}), ...headers },
  });
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) await res.body?.cancel();
  return res;
}

describe('security headers and signed-out access', () => {
  let stack: Stack;
  const adminEmail = 'alex@program.example';
  const memberEmail = 'river@example.org';
  let adminToken: string;
  /** Real ids for the routes' parameters, by the route up to that parameter. */
  let ids: Record<string, string>;

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminCode = await stack.createAdminInvite(adminEmail);
    await stack.gql(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    // The token a browser gets from signing in (the `kinship_session` cookie).
    adminToken = (
      await stack.gql<{ login: { token: string } }>(LOGIN, { email: adminEmail, password: PASSWORD })
    ).login.token;
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
      CREATE_INVITE,
      {},
      adminToken,
    );
    const { register: member } = await stack.gql<{ register: { token: string; user: { id: string } } }>(
      REGISTER,
      {
        input: {
          inviteCode: createInvite.code,
          email: memberEmail,
          password: PASSWORD,
          displayName: 'River',
        },
      },
    );

    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { name: 'Daily check-in' },
      adminToken,
    );
    const { createThread } = await stack.gql<{
      createThread: { post: { id: string; thread: { id: string } } };
    }>(
      CREATE_THREAD,
      {
        input: {
          categoryId: createCategory.id,
          title: 'Evenings are the hardest',
          body: 'How do you fill them?',
        },
      },
      adminToken,
    );
    const threadId = createThread.post.thread.id;
    await stack.gql(REPLY, { input: { threadId, body: 'Walking after dinner helps me.' } }, member.token);
    const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
    const { createEvent } = await stack.gql<{ createEvent: { id: string } }>(
      CREATE_EVENT,
      {
        input: {
          title: 'Sunday walk',
          kind: 'OUTDOORS',
          description: 'An easy loop around the lake.',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
          timeZone: 'UTC',
          address: '1 Lake Road',
        },
      },
      adminToken,
    );
    const { resourceBoards } = await stack.gql<{ resourceBoards: { id: string }[] }>(BOARDS, {}, adminToken);
    const { createResource } = await stack.gql<{ createResource: { id: string } }>(
      CREATE_RESOURCE,
      {
        input: {
          boardId: resourceBoards[0].id,
          title: 'Sober living house, room free',
          organization: 'Fresh Start Homes',
          description: 'Quiet house near the bus line.',
        },
      },
      adminToken,
    );
    const { celebrate } = await stack.gql<{ celebrate: { id: string } }>(
      CELEBRATE,
      { input: { title: 'One year today', body: 'Thank you all.' } },
      member.token,
    );
    // A recovery start, so /milestones shows its progress bar (an inline width).
    const started = new Date(Date.now() - 40 * 24 * 3600_000).toISOString().slice(0, 10);
    await stack.gql(SET_RECOVERY, { date: started }, member.token);
    await stack.gql(
      FLAG,
      { input: { targetType: 'POST', targetId: createThread.post.id, reason: 'SPAM' } },
      member.token,
    );
    const { moderationQueue } = await stack.gql<{ moderationQueue: { edges: { node: { id: string } }[] } }>(
      QUEUE,
      {},
      adminToken,
    );
    ids = {
      '/c/[categoryId]': createCategory.id,
      '/threads/[id]': threadId,
      '/threads/[id]/posts/[postId]': createThread.post.id,
      '/u/[id]': member.user.id,
      '/moderation/members/[id]': member.user.id,
      '/moderation/cases/[id]': moderationQueue.edges[0].node.id,
      '/events/[id]': createEvent.id,
      '/events/[id].ics': createEvent.id,
      '/resources/[id]': createResource.id,
      '/resources/boards/[id]': resourceBoards[0].id,
      '/milestones/[id]': celebrate.id,
    };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The route with real ids where the set-up made one, NOWHERE otherwise. */
  function pathFor(pattern: string): string {
    const segments = pattern.split('/');
    return segments
      .map((segment, i) =>
        segment.replace(/\[(\w+)\]/g, () => ids[segments.slice(0, i + 1).join('/')] ?? NOWHERE),
      )
      .join('/');
  }

  it('finds the routes it checks in web/src/routes', () => {
    const found = routes().map((r) => `${r.kind} ${r.pattern}`);
    for (const expected of [
      'page /',
      'page /threads/[id]',
      'page /signin',
      'page /help',
      'endpoint /notifications/stream',
    ]) {
      expect(found).toContain(expected);
    }
  });

  it('sends the headers on every page and endpoint, signed in, with a fresh nonce in each page', async () => {
    const nonces = new Set<string>();
    let pages = 0;
    for (const route of routes()) {
      const path = pathFor(route.pattern);
      const where = `signed in: GET ${path} (${route.kind} ${route.pattern})`;
      const res = await get(`${stack.webUrl}${path}`, adminToken);
      expect(res.status, where).toBeLessThan(500);
      expectSecurityHeaders(res, where);
      if (isHtml(res) && route.kind === 'page') {
        nonces.add(await expectPage(res, where));
        pages++;
      } else if (isHtml(res)) {
        await expectStaticErrorPage(res, where);
      }
      if (!res.bodyUsed) await res.body?.cancel();
    }
    // Most routes render a page for an admin (a few send on, like /settings and /signout).
    expect(pages).toBeGreaterThan(30);
    expect(nonces.size).toBe(pages);
  });

  it('sends signed-out visitors to sign in from every page but the public ones, headers included', async () => {
    for (const route of routes()) {
      const path = pathFor(route.pattern);
      const where = `signed out: GET ${path} (${route.kind} ${route.pattern})`;
      const res = await get(`${stack.webUrl}${path}`);
      expect(res.status, where).toBeLessThan(500);
      expectSecurityHeaders(res, where);
      if (path === '/notifications/stream') {
        expect(res.status, where).toBe(401);
      } else if (!isPublic(path)) {
        expect(res.status, where).toBe(303);
        expect(res.headers.get('location'), where).toMatch(/^\/signin(\?next=|$)/);
      } else if (route.kind === 'page' && res.status === 200) {
        await expectPage(res, where);
      }
      if (!res.bodyUsed) await res.body?.cancel();
    }
  });

  it('answers the public pages signed out with the page itself', async () => {
    for (const path of ['/signin', '/register', '/help']) {
      const res = await get(`${stack.webUrl}${path}`);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res, path);
      await expectPage(res, path);
    }
  });

  it("gives a client-side navigation and an enhanced form SvelteKit's redirect to sign in, with the headers", async () => {
    const threadPath = pathFor('/threads/[id]');
    const data = await get(`${stack.webUrl}${threadPath}/__data.json`, undefined, { accept: '*/*' });
    expectSecurityHeaders(data, 'data request');
    expect(await data.json()).toEqual({
      type: 'redirect',
      location: `/signin?next=${encodeURIComponent(threadPath)}`,
    });

    const action = await fetch(`${stack.webUrl}${threadPath}?/reply`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        'x-sveltekit-action': 'true',
        origin: stack.webUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'body=hello',
    });
    expectSecurityHeaders(action, 'enhanced form');
    expect(await action.json()).toMatchObject({ type: 'redirect', status: 303 });

    // A form posted from elsewhere is refused, with the headers too.
    const crossSite = await fetch(`${stack.webUrl}${threadPath}?/reply`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'body=hello',
    });
    expect(crossSite.status).toBe(403);
    expectSecurityHeaders(crossSite, 'cross-site form');

    // The one-click unsubscribe endpoint (posted by mail providers, no session) answers in text.
    const unsubscribe = await fetch(`${stack.webUrl}/unsubscribe?token=not-a-real-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribe.status).toBe(400);
    expectSecurityHeaders(unsubscribe, 'one-click unsubscribe');
    expect(directives(unsubscribe.headers.get('content-security-policy') ?? '').get('default-src')).toEqual([
      "'none'",
    ]);
  });

  it('forgets a revoked session on the redirect to sign in', async () => {
    const { login } = await stack.gql<{ login: { token: string } }>(LOGIN, {
      email: memberEmail,
      password: PASSWORD,
    });
    await stack.gql(LOGOUT, {}, login.token);
    const res = await get(`${stack.webUrl}/notifications`, login.token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fnotifications');
    expectSecurityHeaders(res, 'revoked session');
    expect(res.headers.getSetCookie().join('\n')).toMatch(/^kinship_session=;.*Max-Age=0/m);
  });

  it('never redirects to another site, however the path is dressed up', async () => {
    const form = (path: string, fields: Record<string, string>, token?: string) => stack.postForm(path, fields, { token });
    for (const attack of ['/.//evil.example', '/..//evil.example', '/a/..//evil.example', '/.\\/evil.example']) {
      // Signed in, /signin sends the member on to `next`.
      const signedIn = await get(`${stack.webUrl}/signin?next=${encodeURIComponent(attack)}`, adminToken);
      expect(signedIn.status, `${attack} GET /signin`).toBe(303);
      expect(signedIn.headers.get('location'), attack).toBe('/');
      // The sign-in form's hidden `next`.
      const signIn = await form('/signin?/signin', { email: memberEmail, password: PASSWORD, next: attack });
      expect(signIn.status, `${attack} sign-in form`).toBe(303);
      expect(signIn.headers.get('location'), attack).toBe('/');
      // Opening a notification goes where its url points, inside Kinship only.
      const open = await form('/notifications?/open', { id: NOWHERE, url: attack }, adminToken);
      expect(open.status, `${attack} open notification`).toBe(303);
      expect(open.headers.get('location'), attack).toBe('/notifications');
    }
  });

  it('loads pages in Chromium without a single CSP violation, and their scripts still work', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const problems = await watchForViolations(page);
      await signIn(page, stack, memberEmail);

      // Home: the live badge's EventSource connects (connect-src 'self').
      const stream = page.waitForRequest((r) => new URL(r.url()).pathname === '/notifications/stream');
      await page.goto(`${stack.webUrl}/`, { waitUntil: 'networkidle' });
      await stream;
      // A client-side navigation (SvelteKit's route announcer has a style attribute).
      await page.getByRole('link', { name: 'Search', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/search');
      await page.getByRole('heading', { level: 1 }).waitFor();

      // A thread: reacting is an enhanced form; the count changes without a page load.
      await page.goto(`${stack.webUrl}${pathFor('/threads/[id]')}`, { waitUntil: 'networkidle' });
      let loads = 0;
      page.on('load', () => loads++);
      const support = page.locator('#post-1').getByRole('button', { name: /^Support/ });
      await support.click();
      await page
        .locator('#post-1')
        .getByRole('button', { name: /Support\s*1/, pressed: true })
        .waitFor();
      expect(loads).toBe(0);

      // Settings: the calendar link appears in place, and the copy button only exists with scripts.
      await page.goto(`${stack.webUrl}/settings/calendar`, { waitUntil: 'networkidle' });
      loads = 0;
      await page.getByRole('button', { name: 'Make a new calendar link' }).click();
      await page.getByTestId('calendar-link').waitFor();
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Copied|Copying did not work/ })
        .waitFor();
      expect(loads).toBe(0);

      // The milestones pages (a progress bar with an inline width).
      await page.goto(`${stack.webUrl}/milestones`, { waitUntil: 'networkidle' });
      expect(await page.locator('.progress-fill').getAttribute('style')).toMatch(/^width: \d+(\.\d+)?%/);
      await page.goto(`${stack.webUrl}${pathFor('/milestones/[id]')}`, { waitUntil: 'networkidle' });

      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/**
 * Collects CSP violations (the page's own `securitypolicyviolation` events, recorded by a script
 * the browser runs before the page's, which CSP does not govern), console messages about the
 * policies, and uncaught script errors.
 */
async function watchForViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // Runs in the page, before its own scripts (a string: this package has no DOM types).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => console.error(
      'securitypolicyviolation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' on ' + location.pathname));`,
  });
  page.on('console', (message) => {
    // Errors for CSP, warnings for Permissions-Policy names Chromium does not know.
    const serious = message.type() === 'error' || message.type() === 'warning';
    if (
      serious &&
      /securitypolicyviolation|Content Security Policy|Permissions-Policy|Refused to/i.test(message.text())
    ) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}
