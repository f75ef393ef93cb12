import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const SESSION = 'kinship_session';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const CREATE_ROLE_INVITE = `mutation($role: Role!) { createInvite(input: { role: $role }) { code } }`;
const CREATE_CATEGORY = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id name description } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { post { id contentWarning thread { id title } } }
}`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id position status } } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { bio pronouns displayName } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id title address onlineUrl } }`;
const UPDATE_EVENT = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`;
const UPDATE_RESOURCE = `mutation($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { id } }`;
const CANCEL_EVENT = `mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { cancelReason } }`;
const BOARDS = `query { resourceBoards { id } }`;
const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) {
  createResource(input: $input) { id title organization location contact url }
}`;
const SAVE_RESOURCE = `mutation($id: ID!) { saveResource(id: $id, saved: true) { id } }`;
const CELEBRATE = `mutation($input: CelebrateInput!) { celebrate(input: $input) { id title } }`;
const FLAG = `mutation($input: FlagInput!) { flag(input: $input) }`;
const QUEUE = `query { moderationQueue(first: 100) { edges { node { id kind targetId notes { note } } } } }`;
const ADD_WORD = `mutation($input: WatchedWordInput!) { addWatchedWord(input: $input) { id word } }`;
const REMOVE_WORD = `mutation($id: ID!) { removeWatchedWord(id: $id) }`;
const MODERATE = `mutation($input: ModerateInput!) { moderate(input: $input) { id status } }`;
const LOG = `query { moderationLog(first: 100) { edges { node { id action targetId } } } }`;
const WARN = `mutation($userId: ID!, $reason: String!) { warnUser(userId: $userId, reason: $reason) }`;
const NOTE = `mutation($userId: ID!, $text: String!) { addModeratorNote(userId: $userId, text: $text) }`;
const APPEAL = `mutation($actionId: ID!, $text: String!) { appeal(actionId: $actionId, text: $text) { text } }`;
const NOTIFICATIONS = `query { notifications(first: 100) { edges { node { title body } } } }`;

/**
 * Hostile text. Each piece that could run sets `window.__xss` (and some call alert), so a page
 * where one of them ran says so, and each carries the marker `__xss`, so markup made from one can
 * be told from the app's own.
 */
const CORPUS = [
  `<script>window.__xss='script'</script>`,
  `<img src=x onerror="window.__xss='img';alert(1)">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `"><script>window.__xss='attribute-break'</script>`,
  `'><img src=x onerror=window.__xss='quote-break'>`,
  `</title><script>window.__xss='title-break'</script>`,
  `</textarea><img src=x onerror=window.__xss='textarea-break'>`,
  `</script><script>window.__xss='data-break'</script>`,
  `<a href="javascript:window.__xss='href'">x</a>`,
  `<a href="java&#115;cript&#58;window.__xss='entity'">x</a>`,
  `<a href="&#x6A;avascript:window.__xss='hex-entity'">x</a>`,
  `<a href="vbscript:window.__xss='vbscript'">x</a>`,
  `<iframe srcdoc="<script>window.__xss='srcdoc'</script>"></iframe>`,
  `<details open ontoggle="window.__xss='toggle'">x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss='mxss'>`,
  `<form><button formaction="javascript:window.__xss='formaction'">x</button></form>`,
  `[x](javascript:window.__xss='md-link')`,
  `[x](JaVaScRiPt:window.__xss='md-case')`,
  `[x](java&#115;cript&#58;window.__xss='md-entity')`,
  `[x](vbscript:window.__xss='md-vbscript')`,
  `[x](data:text/html,<script>window.__xss='md-data'</script>)`,
  `![x](data:image/png;base64,iVBORw0KGgo=) ![y](javascript:window.__xss='md-image')`,
  `<javascript:window.__xss='md-autolink'>`,
  `[x](<jav\tascript:window.__xss='md-tab'>)`,
  `[x](https://example.org "t\\" onmouseover=\\"window.__xss='md-title'")`,
  `＜script＞window.__xss='fullwidth'＜/script＞`,
  `<scr\u200Bipt>window.__xss='zero-width'</scr\u200Bipt>`,
  `\u202E<img src=x onerror=window.__xss='bidi'>`,
  `\uE000<img src=x onerror=window.__xss='search-mark'>\uE001`,
  `{@html '<img src=x onerror=window.__xss=1>'} {{constructor.constructor('window.__xss=1')()}}`,
  `javascript:window.__xss='bare'`,
  `data:text/html,<script>window.__xss='bare-data'</script>`,
];

/** Links the api must refuse outright: none of them is an http(s) address. */
const HOSTILE_SCHEMES = [
  `javascript:window.__xss='url'`,
  `JavaScript:window.__xss='url-case'`,
  ` javascript:window.__xss='url-space'`,
  `java\tscript:window.__xss='url-tab'`,
  `javascript&#58;window.__xss='url-entity'`,
  `javascript://example.org/%0Awindow.__xss='url-comment'`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==`,
  `vbscript:window.__xss='url-vbscript'`,
  `//evil.example/path`,
];

/** http(s) links dressed to break out of an attribute: refused, or shown without breaking out. */
const HOSTILE_HTTP = [
  `https://example.org/"><script>window.__xss='url-break'</script>`,
  `https://example.org/" onmouseover="window.__xss='url-attribute'`,
  `https://example.org/"onmouseover="window.__xss='url-attribute-tight'`,
  `https://example.org/'onmouseover='window.__xss=1'`,
];

/** The whole corpus as one Markdown text, with a plain sentence that must show. */
function markdown(sentinel: string): string {
  return `${CORPUS.join('\n\n')}\n\n${sentinel}`;
}

/** The corpus packed into as few texts of at most `max` characters as it fits in (pieces longer are left out). */
function pack(max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const piece of CORPUS.filter((p) => p.length <= max)) {
    if (current && current.length + 1 + piece.length > max) {
      texts.push(current);
      current = piece;
    } else {
      current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current) texts.push(current);
  return texts;
}

/**
 * Runs in Chromium (a string: this package has no DOM types) on a document: the page as the
 * browser built it, or the server's HTML parsed without running it. Lists markup that could run
 * script (elements Kinship never writes, scripts without the page's nonce, on* handlers, links and
 * sources with a javascript:, data: or vbscript: address once entities are decoded and the
 * characters browsers skip are dropped, hostile text in any other attribute), and which of `shows`
 * the page does not display as text (or as a form field's value).
 */
const SCAN = String.raw`(doc, nonce, shows) => {
  const foreign = new Set(['img', 'image', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed',
    'applet', 'base', 'video', 'audio', 'source', 'track', 'portal', 'picture', 'canvas', 'template', 'xmp',
    'plaintext', 'noembed', 'noframes', 'marquee', 'bgsound', 'isindex', 'style']);
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'ping',
    'cite', 'srcset', 'codebase', 'manifest', 'longdesc', 'usemap', 'archive', 'classid', 'lowsrc', 'dynsrc',
    'icon', 'profile']);
  const inert = new Set(['value', 'title', 'alt', 'placeholder', 'content', 'label']);
  const problems = [];
  const show = (el) => el.outerHTML.slice(0, 240);
  const ownScript = (el) => {
    const src = el.getAttribute('src');
    if (src !== null) return src.startsWith('/_app/');
    return nonce !== '' && (el.nonce || el.getAttribute('nonce')) === nonce;
  };
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.localName;
    if (foreign.has(tag)) problems.push('<' + tag + '> element: ' + show(el));
    if (tag === 'script' && !ownScript(el)) problems.push('a script the app did not write: ' + show(el));
    if (tag === 'meta' && el.hasAttribute('http-equiv')) problems.push('meta http-equiv: ' + show(el));
    if ((tag === 'link' || tag === 'meta') && !el.closest('head')) problems.push('<' + tag + '> outside head: ' + show(el));
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith('on')) {
        problems.push('event handler ' + name + ' on <' + tag + '>: ' + show(el));
      } else if (urlAttributes.has(name) || name.endsWith(':href')) {
        const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
        if (/^(javascript|data|vbscript):/i.test(url)) problems.push(name + ' ' + JSON.stringify(value) + ' on <' + tag + '>');
      } else if (value.includes('__xss') && !inert.has(name) && !name.startsWith('aria-') && !name.startsWith('data-')) {
        problems.push('hostile text in ' + name + ' on <' + tag + '>: ' + show(el));
      }
    }
  }
  const texts = [];
  const walker = doc.createTreeWalker(doc.documentElement, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !node.parentElement.closest('script')) texts.push(node.data);
  }
  for (const field of doc.querySelectorAll('input, textarea')) texts.push(' ' + field.value + ' ');
  const squash = (s) => s.replace(/\s+/g, ' ').trim();
  const haystack = squash(texts.join(''));
  return { problems, missing: shows.filter((s) => !haystack.includes(squash(s))) };
}`;

interface Scan {
  problems: string[];
  missing: string[];
}

interface GqlAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** One page to check: signed in with `token` (or signed out), it must show each of `shows` and nothing that runs. */
interface Visit {
  path: string;
  token: string | null;
  shows: string[];
  /** The answer's status when it is not 200; `page` takes any page, an error page too, but no redirect. */
  status?: number | 'page';
}

function expectStatus(actual: number, wanted: number | 'page', where: string): void {
  if (wanted !== 'page') return expect(actual, where).toBe(wanted);
  expect(actual >= 200 && actual < 500 && !(actual >= 300 && actual < 400), `${where}: ${actual}`).toBe(true);
}

function cspNonce(csp: string | null | undefined): string {
  return /'nonce-([^']+)'/.exec(csp ?? '')?.[1] ?? '';
}

interface SetCookie {
  value: string;
  attributes: Map<string, string>;
}

/** The session cookie lines of an answer, in order, parsed (attribute names lowercased). */
function sessionCookies(res: Response): SetCookie[] {
  return res.headers
    .getSetCookie()
    .filter((line) => line.startsWith(`${SESSION}=`))
    .map((line) => {
      const [pair, ...rest] = line.split(';');
      const attributes = new Map(
        rest.map((part) => {
          const [name, ...value] = part.trim().split('=');
          return [name.toLowerCase(), value.join('=')] as const;
        }),
      );
      return { value: decodeURIComponent(pair.slice(SESSION.length + 1)), attributes };
    });
}

/** Polls `check` until it gives a value: waits on the worker without a fixed sleep. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('what we waited for never came');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('hostile text in every field the web shows, and the session cookie', () => {
  let stack: Stack;
  let adminToken: string;
  let memberToken: string;
  let memberId: string;
  let flaggerToken: string;
  let inviteForRefusals: string;
  const adminEmail = 'alex@program.example';
  const memberEmail = 'river@example.org';
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let context: BrowserContext;
  /** Parses the server's HTML without running it. */
  let parser: Page;
  /** Loads pages with Content-Security-Policy switched off, so injected markup would really run. */
  let page: Page;
  const dialogs: string[] = [];

  async function attempt<T>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GqlAnswer<T>> {
    const res = await fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlAnswer<T>;
  }

  /** The api refused the value as bad input, naming the field. */
  function expectRefused(answer: GqlAnswer<unknown>, field: string, what: string): void {
    expect(answer.data ?? null, what).toBe(null);
    expect(answer.errors?.[0]?.extensions?.code, `${what}: ${JSON.stringify(answer.errors)}`).toBe(
      'BAD_USER_INPUT',
    );
    expect(answer.errors?.[0]?.extensions?.field, what).toBe(field);
  }

  async function register(displayName: string, email: string, role = 'MEMBER') {
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
      CREATE_ROLE_INVITE,
      { role },
      adminToken,
    );
    const { register: made } = await stack.gql<{ register: { token: string; user: { id: string } } }>(
      REGISTER,
      {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName },
      },
    );
    return made;
  }

  /** The page as served (parsed, not run) and as Chromium runs it: no executable markup, and it shows what it should. */
  async function expectSafe({ path, token, shows, status = 200 }: Visit): Promise<void> {
    const url = `${stack.webUrl}${path}`;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'text/html', ...(token ? { cookie: `${SESSION}=${token}` } : {}) },
    });
    expectStatus(res.status, status, `GET ${path}`);
    const html = await res.text();
    const served = await parser.evaluate<Scan>(
      `(${SCAN})(new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html'), ${JSON.stringify(
        cspNonce(res.headers.get('content-security-policy')),
      )}, ${JSON.stringify(shows)})`,
    );
    expect(served.problems, `${path} as served`).toEqual([]);
    expect(served.missing, `${path} as served does not show`).toEqual([]);

    await context.clearCookies();
    if (token) {
      await context.addCookies([
        { name: SESSION, value: token, url: stack.webUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
    }
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    expectStatus(response?.status() ?? 0, status, `Chromium: ${path}`);
    const nonce = cspNonce(await response?.headerValue('content-security-policy'));
    const live = await page.evaluate<Scan>(
      `(${SCAN})(document, ${JSON.stringify(nonce)}, ${JSON.stringify(shows)})`,
    );
    expect(live.problems, `${path} in Chromium`).toEqual([]);
    expect(live.missing, `${path} in Chromium does not show`).toEqual([]);
    expect(await page.evaluate('window.__xss'), `${path}: window.__xss`).toBeUndefined();
    expect(dialogs, `${path}: dialogs`).toEqual([]);
  }

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminCode = await stack.createAdminInvite(adminEmail);
    adminToken = (
      await stack.gql<{ register: { token: string } }>(REGISTER, {
        input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
      })
    ).register.token;
    const member = await register('River', memberEmail);
    memberToken = member.token;
    memberId = member.user.id;
    flaggerToken = (await register('Jess', 'jess@example.org')).token;
    inviteForRefusals = (await stack.gql<{ createInvite: { code: string } }>(CREATE_INVITE, {}, adminToken))
      .createInvite.code;

    browser = await openBrowser({ bypassCSP: true });
    context = browser.context;
    parser = await context.newPage();
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('finds what it looks for: the scan flags executable markup, and a page that runs script is noticed', async () => {
    // The scan on a hand-made document with the kinds of markup it must catch.
    const hostile = `<p>ok</p><img src=x onerror="window.__xss=1"><a href=" java&#x09;script&#58;x()">a</a>
      <a href="DATA:text/html,x">b</a><script>window.__xss=1</script><div style="x:__xss">c</div>`;
    const found = await parser.evaluate<Scan>(
      `(${SCAN})(new DOMParser().parseFromString(${JSON.stringify(hostile)}, 'text/html'), 'n', ['ok', 'absent'])`,
    );
    expect(found.missing).toEqual(['absent']);
    expect(found.problems.join('\n')).toMatch(/<img> element/);
    expect(found.problems.join('\n')).toMatch(/event handler onerror/);
    expect(found.problems).toContain('href " java\\tscript:x()" on <a>');
    expect(found.problems.join('\n')).toMatch(/href "DATA:text\/html,x"/);
    expect(found.problems.join('\n')).toMatch(/a script the app did not write/);
    expect(found.problems.join('\n')).toMatch(/hostile text in style/);
    // A real page with a hostile title, doctored the way a rendering bug would serve it: the scan
    // of the served HTML flags it, and in this browser (CSP bypassed) it really runs.
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { input: { name: 'Scanner check' } },
      adminToken,
    );
    const payload = `<img src=x onerror="window.__xss='doctored'">`;
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      { input: { categoryId: createCategory.id, title: payload, body: 'Checking the checker.' } },
      memberToken,
    );
    const res = await fetch(`${stack.webUrl}/threads/${createThread.post.thread.id}`, {
      headers: { accept: 'text/html', cookie: `${SESSION}=${adminToken}` },
    });
    const served = await res.text();
    // Svelte escapes `<` and `&` in text; the rest of the title stays as typed.
    const inText = `&lt;img src=x onerror="window.__xss='doctored'">`;
    expect(served).toContain(inText);
    const doctored = served.replaceAll(inText, payload);
    const nonce = JSON.stringify(cspNonce(res.headers.get('content-security-policy')));
    const clean = await parser.evaluate<Scan>(
      `(${SCAN})(new DOMParser().parseFromString(${JSON.stringify(served)}, 'text/html'), ${nonce}, [])`,
    );
    expect(clean.problems).toEqual([]);
    const flagged = await parser.evaluate<Scan>(
      `(${SCAN})(new DOMParser().parseFromString(${JSON.stringify(doctored)}, 'text/html'), ${nonce}, [])`,
    );
    expect(flagged.problems.join('\n')).toMatch(/event handler onerror on <img>/);
    const probe = await context.newPage();
    try {
      await probe.setContent(doctored);
      await probe.waitForFunction('window.__xss === "doctored"');
    } finally {
      await probe.close();
    }
  });

  it('refuses hostile display names at registration and in the profile', async () => {
    for (const name of [
      ...CORPUS.filter((p) => p.length <= 40),
      'River\u202Etxt.exe',
      'Ri\u200Bver',
      '<b>x</b>',
    ]) {
      expectRefused(
        await attempt(REGISTER, {
          input: {
            inviteCode: inviteForRefusals,
            email: 'someone@example.org',
            password: PASSWORD,
            displayName: name,
          },
        }),
        'displayName',
        `register as ${JSON.stringify(name)}`,
      );
      expectRefused(
        await attempt(UPDATE_PROFILE, { input: { displayName: name } }, memberToken),
        'displayName',
        `rename to ${JSON.stringify(name)}`,
      );
    }
    // The invite was good all along: the names were what was refused.
    const ok = await attempt<{ register: { token: string } }>(REGISTER, {
      input: {
        inviteCode: inviteForRefusals,
        email: 'someone@example.org',
        password: PASSWORD,
        displayName: 'Someone',
      },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.register.token).toBeTruthy();
  });

  it('shows thread titles, category names, content warnings and post bodies as text everywhere', async () => {
    const category = await attempt<{ createCategory: { id: string; name: string; description: string } }>(
      CREATE_CATEGORY,
      { input: { name: `"><img src=x onerror=window.__xss='category'>`, description: pack(300)[0] } },
      adminToken,
    );
    expect(category.errors).toBeUndefined();
    const {
      id: categoryId,
      name: categoryName,
      description: categoryDescription,
    } = category.data!.createCategory;

    const warnings = pack(140);
    const threads: { id: string; postId: string; title: string; warning: string; sentinel: string }[] = [];
    for (const [i, title] of pack(150).entries()) {
      const sentinel = `Lighthouse sentinel ${i}`;
      const { createThread } = await stack.gql<{
        createThread: { post: { id: string; contentWarning: string; thread: { id: string; title: string } } };
      }>(
        CREATE_THREAD,
        {
          input: {
            categoryId,
            title,
            body: markdown(sentinel),
            contentWarning: warnings[i % warnings.length],
          },
        },
        memberToken,
      );
      threads.push({
        id: createThread.post.thread.id,
        postId: createThread.post.id,
        title: createThread.post.thread.title,
        warning: createThread.post.contentWarning,
        sentinel,
      });
    }
    expect(threads.length).toBeGreaterThan(5);
    expect(threads.length).toBeLessThanOrEqual(20);
    const titles = threads.map((t) => t.title);

    await expectSafe({ path: '/', token: adminToken, shows: [...titles, categoryName] });
    await expectSafe({
      path: `/c/${categoryId}`,
      token: adminToken,
      shows: [...titles, categoryName, categoryDescription],
    });
    await expectSafe({
      path: '/search?q=lighthouse',
      token: adminToken,
      shows: [...titles, 'Lighthouse sentinel'],
    });
    await expectSafe({ path: `/u/${memberId}`, token: adminToken, shows: [titles.at(-1)!] });
    for (const thread of threads) {
      await expectSafe({
        path: `/threads/${thread.id}`,
        token: adminToken,
        shows: [thread.title, thread.warning, thread.sentinel, categoryName],
      });
    }
    // A reply tells the author, in a notification that names the thread.
    await stack.gql(
      REPLY,
      { input: { threadId: threads[0].id, body: markdown('Reply sentinel') } },
      adminToken,
    );
    const notification = await eventually(async () => {
      const { notifications } = await stack.gql<{
        notifications: { edges: { node: { title: string; body: string } }[] };
      }>(NOTIFICATIONS, {}, memberToken);
      return notifications.edges[0]?.node;
    });
    await expectSafe({
      path: '/notifications',
      token: memberToken,
      shows: [notification.title, notification.body],
    });
    // The author's edit form puts the raw title, warning and Markdown back in its fields.
    for (const thread of threads.slice(0, 3)) {
      await expectSafe({
        path: `/threads/${thread.id}/posts/${thread.postId}/edit`,
        token: memberToken,
        shows: [thread.title, thread.warning, markdown(thread.sentinel)],
      });
    }
  });

  it('shows bios and pronouns as text on the profile and in the settings', async () => {
    const bios = pack(1000);
    const pronouns = pack(40);
    for (let i = 0; i < Math.max(bios.length, pronouns.length); i++) {
      const { updateProfile } = await stack.gql<{ updateProfile: { bio: string; pronouns: string } }>(
        UPDATE_PROFILE,
        { input: { bio: bios[i % bios.length], pronouns: pronouns[i % pronouns.length] } },
        memberToken,
      );
      const shows = [updateProfile.bio, updateProfile.pronouns];
      await expectSafe({ path: `/u/${memberId}`, token: adminToken, shows });
      await expectSafe({ path: `/u/${memberId}`, token: memberToken, shows });
      await expectSafe({ path: '/settings/profile', token: memberToken, shows });
    }
  });

  it('shows event titles, descriptions, places and links safely, and refuses links that are not http(s)', async () => {
    const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
    const base = {
      kind: 'MEETING',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      timeZone: 'UTC',
    };
    const dayLater = {
      startsAt: new Date(startsAt.getTime() + 24 * 3600_000).toISOString(),
      endsAt: new Date(startsAt.getTime() + 25 * 3600_000).toISOString(),
    };
    for (const onlineUrl of HOSTILE_SCHEMES) {
      expectRefused(
        await attempt(
          CREATE_EVENT,
          { input: { ...base, title: 'Online meeting', address: 'The library', onlineUrl } },
          adminToken,
        ),
        'onlineUrl',
        `event link ${JSON.stringify(onlineUrl)}`,
      );
    }
    const accepted: { id: string; onlineUrl: string }[] = [];
    for (const onlineUrl of HOSTILE_HTTP) {
      const answer = await attempt<{ createEvent: { id: string; onlineUrl: string } }>(
        CREATE_EVENT,
        // A day later than the others, so the list's first page is theirs.
        { input: { ...base, ...dayLater, title: 'Online meeting', address: 'The library', onlineUrl } },
        adminToken,
      );
      if (answer.errors) expectRefused(answer, 'onlineUrl', `event link ${JSON.stringify(onlineUrl)}`);
      else accepted.push(answer.data!.createEvent);
    }

    const addresses = pack(300);
    const events: { id: string; title: string; address: string; sentinel: string }[] = [];
    for (const [i, title] of pack(120).entries()) {
      const sentinel = `Harbour sentinel ${i}`;
      const { createEvent } = await stack.gql<{
        createEvent: { id: string; title: string; address: string };
      }>(
        CREATE_EVENT,
        {
          input: {
            ...base,
            title,
            description: markdown(sentinel),
            address: addresses[i % addresses.length],
            onlineUrl: 'https://meet.example.org/room',
          },
        },
        adminToken,
      );
      events.push({ ...createEvent, sentinel });
    }
    expect(events.length).toBeLessThanOrEqual(20);
    // Editing cannot bring such a link in either.
    for (const onlineUrl of HOSTILE_SCHEMES) {
      expectRefused(
        await attempt(UPDATE_EVENT, { id: events[0].id, input: { onlineUrl } }, adminToken),
        'onlineUrl',
        `edited event link ${JSON.stringify(onlineUrl)}`,
      );
    }

    await expectSafe({ path: '/events', token: memberToken, shows: events.map((e) => e.title) });
    for (const event of events) {
      const shows = [event.title, event.address, event.sentinel];
      await expectSafe({ path: `/events/${event.id}`, token: adminToken, shows });
      await expectSafe({
        path: `/events/${event.id}/edit`,
        token: adminToken,
        shows: [event.title, event.address],
      });
    }
    for (const event of accepted) {
      await expectSafe({ path: `/events/${event.id}`, token: adminToken, shows: [event.onlineUrl] });
    }

    // A cancelled event shows the organiser's reason.
    for (const reason of pack(500)) {
      const { createEvent } = await stack.gql<{ createEvent: { id: string } }>(
        CREATE_EVENT,
        { input: { ...base, title: 'Cancelled meeting', address: 'The library' } },
        adminToken,
      );
      const { cancelEvent } = await stack.gql<{ cancelEvent: { cancelReason: string } }>(
        CANCEL_EVENT,
        { id: createEvent.id, reason },
        adminToken,
      );
      await expectSafe({
        path: `/events/${createEvent.id}`,
        token: memberToken,
        shows: [cancelEvent.cancelReason],
      });
    }
  });

  it('shows resource postings safely, and refuses links that are not http(s) and hostile tags', async () => {
    const { resourceBoards } = await stack.gql<{ resourceBoards: { id: string }[] }>(BOARDS, {}, adminToken);
    const boardId = resourceBoards[0].id;
    const base = {
      boardId,
      title: 'Job board',
      organization: 'Fresh Start',
      description: 'Ask at the desk.',
    };
    for (const url of HOSTILE_SCHEMES) {
      expectRefused(
        await attempt(CREATE_RESOURCE, { input: { ...base, url } }, adminToken),
        'url',
        `link ${JSON.stringify(url)}`,
      );
    }
    for (const tag of CORPUS.filter((p) => p.length <= 30)) {
      expectRefused(
        await attempt(CREATE_RESOURCE, { input: { ...base, tags: [tag] } }, adminToken),
        'tags',
        `tag ${JSON.stringify(tag)}`,
      );
    }
    const accepted: { id: string; url: string }[] = [];
    for (const url of HOSTILE_HTTP) {
      const answer = await attempt<{ createResource: { id: string; url: string } }>(
        CREATE_RESOURCE,
        { input: { ...base, url } },
        adminToken,
      );
      if (answer.errors) expectRefused(answer, 'url', `link ${JSON.stringify(url)}`);
      else accepted.push(answer.data!.createResource);
    }

    const organizations = pack(120);
    const contacts = pack(200);
    const resources: {
      id: string;
      title: string;
      organization: string;
      location: string;
      contact: string;
      sentinel: string;
    }[] = [];
    for (const [i, title] of pack(120).entries()) {
      const sentinel = `Lantern sentinel ${i}`;
      const { createResource } = await stack.gql<{
        createResource: {
          id: string;
          title: string;
          organization: string;
          location: string;
          contact: string;
        };
      }>(
        CREATE_RESOURCE,
        {
          input: {
            boardId,
            title,
            organization: organizations[i % organizations.length],
            description: markdown(sentinel),
            location: organizations[(i + 1) % organizations.length],
            contact: contacts[i % contacts.length],
            url: 'https://example.org/apply',
          },
        },
        adminToken,
      );
      resources.push({ ...createResource, sentinel });
    }
    expect(resources.length).toBeLessThanOrEqual(20);
    for (const url of HOSTILE_SCHEMES) {
      expectRefused(
        await attempt(UPDATE_RESOURCE, { id: resources[0].id, input: { url } }, adminToken),
        'url',
        `edited link ${JSON.stringify(url)}`,
      );
    }
    for (const resource of resources.slice(0, 3))
      await stack.gql(SAVE_RESOURCE, { id: resource.id }, memberToken);

    const titles = resources.map((r) => r.title);
    await expectSafe({ path: '/resources', token: memberToken, shows: [] });
    await expectSafe({ path: `/resources/boards/${boardId}`, token: memberToken, shows: titles });
    await expectSafe({ path: '/resources/mine', token: adminToken, shows: titles });
    await expectSafe({
      path: '/resources/saved',
      token: memberToken,
      shows: resources.slice(0, 3).map((r) => r.title),
    });
    for (const resource of resources) {
      const shows = [resource.title, resource.organization, resource.location, resource.contact];
      await expectSafe({
        path: `/resources/${resource.id}`,
        token: memberToken,
        shows: [...shows, resource.sentinel],
      });
      await expectSafe({ path: `/resources/${resource.id}/edit`, token: adminToken, shows });
    }
    for (const resource of accepted) {
      await expectSafe({ path: `/resources/${resource.id}`, token: memberToken, shows: [base.title] });
    }
  });

  it('shows celebrations on the wall and on their own page as text', async () => {
    const celebrations: { id: string; title: string; sentinel: string }[] = [];
    for (const [i, title] of pack(150).entries()) {
      const sentinel = `Summit sentinel ${i}`;
      const { celebrate } = await stack.gql<{ celebrate: { id: string; title: string } }>(
        CELEBRATE,
        { input: { title, body: markdown(sentinel) } },
        memberToken,
      );
      celebrations.push({ ...celebrate, sentinel });
    }
    await expectSafe({
      path: '/milestones/wall',
      token: adminToken,
      shows: celebrations.map((c) => c.title),
    });
    for (const celebration of celebrations) {
      await expectSafe({
        path: `/milestones/${celebration.id}`,
        token: adminToken,
        shows: [celebration.title, celebration.sentinel],
      });
    }
  });

  it('shows flag notes, watched words, held posts and moderation reasons to moderators as text', async () => {
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { input: { name: 'Evenings' } },
      adminToken,
    );
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      { input: { categoryId: createCategory.id, title: 'Evening walks', body: 'Where do you walk?' } },
      memberToken,
    );
    const threadId = createThread.post.thread.id;

    // Flag notes: one flagged reply per note.
    const notes = pack(500);
    for (const [i, note] of notes.entries()) {
      const { reply } = await stack.gql<{ reply: { post: { id: string } } }>(
        REPLY,
        { input: { threadId, body: `Plain reply ${i}` } },
        memberToken,
      );
      await stack.gql(
        FLAG,
        { input: { targetType: 'POST', targetId: reply.post.id, reason: 'OTHER', note } },
        flaggerToken,
      );
    }

    // Watched words, and a post they hold for review.
    const words: { id: string; word: string }[] = [];
    try {
      for (const word of CORPUS.filter((p) => p.trim().length >= 2 && p.length <= 100)) {
        const { addWatchedWord } = await stack.gql<{ addWatchedWord: { id: string; word: string } }>(
          ADD_WORD,
          { input: { word, action: 'REVIEW' } },
          adminToken,
        );
        words.push(addWatchedWord);
      }
      const { reply: held } = await stack.gql<{ reply: { post: { id: string; status: string } } }>(
        REPLY,
        { input: { threadId, body: markdown('Held sentinel') } },
        memberToken,
      );
      expect(held.post.status).toBe('PENDING_REVIEW');

      const { moderationQueue } = await stack.gql<{
        moderationQueue: {
          edges: { node: { id: string; kind: string; targetId: string; notes: { note: string }[] } }[];
        };
      }>(QUEUE, {}, adminToken);
      const cases = moderationQueue.edges.map((e) => e.node);
      const storedNotes = cases.flatMap((c) => c.notes.map((n) => n.note));
      expect(storedNotes.length).toBe(notes.length);
      const heldCase = cases.find((c) => c.targetId === held.post.id);
      expect(heldCase?.kind).toBe('PREMODERATION');

      await expectSafe({ path: '/moderation/settings', token: adminToken, shows: words.map((w) => w.word) });
      await expectSafe({
        path: '/moderation',
        token: adminToken,
        shows: [...storedNotes, 'Held sentinel', 'Evening walks'],
      });
      for (const flagCase of cases) {
        await expectSafe({
          path: `/moderation/cases/${flagCase.id}`,
          token: adminToken,
          shows: flagCase.id === heldCase!.id ? ['Held sentinel'] : flagCase.notes.map((n) => n.note),
        });
      }

      // Removing it with a hostile reason: the log, the member's history and the author's own view.
      const reason = pack(1000)[0];
      await stack.gql(MODERATE, { input: { caseId: heldCase!.id, action: 'REMOVE', reason } }, adminToken);
      const [warning, appealText] = pack(1000);
      await stack.gql(WARN, { userId: memberId, reason: warning }, adminToken);
      const note = CORPUS.join(' ');
      await stack.gql(NOTE, { userId: memberId, text: note }, adminToken);
      const { moderationLog } = await stack.gql<{
        moderationLog: { edges: { node: { id: string; action: string; targetId: string } }[] };
      }>(LOG, {}, adminToken);
      const removal = moderationLog.edges.find(
        (e) => e.node.action === 'REMOVE' && e.node.targetId === held.post.id,
      );
      const { appeal } = await stack.gql<{ appeal: { text: string } }>(
        APPEAL,
        { actionId: removal!.node.id, text: appealText },
        memberToken,
      );

      await expectSafe({ path: '/moderation/log', token: adminToken, shows: [reason, warning] });
      await expectSafe({
        path: `/moderation/members/${memberId}`,
        token: adminToken,
        shows: [reason, warning, note],
      });
      await expectSafe({ path: `/threads/${threadId}`, token: memberToken, shows: [reason] });
      await expectSafe({ path: '/appeals', token: memberToken, shows: [appeal.text] });
      await expectSafe({ path: '/moderation/appeals', token: adminToken, shows: [appeal.text] });
    } finally {
      for (const word of words) await stack.gql(REMOVE_WORD, { id: word.id }, adminToken);
    }
  });

  it('shows what arrives in the address (search words, codes, tokens, paths) as text', async () => {
    const { resourceBoards } = await stack.gql<{ resourceBoards: { id: string }[] }>(BOARDS, {}, adminToken);
    const reflected = [
      CORPUS.slice(0, 8).join(' '),
      `javascript:window.__xss='reflected'`,
      `//evil.example/"><img src=x onerror=window.__xss='reflected-path'>`,
    ];
    for (const value of reflected) {
      const q = encodeURIComponent(value);
      await expectSafe({ path: `/search?q=${q}`, token: memberToken, shows: [value] });
      await expectSafe({ path: `/register?code=${q}`, token: null, shows: [value.slice(0, 100)] });
      await expectSafe({ path: `/signin?next=${q}`, token: null, shows: [], status: 'page' });
      await expectSafe({ path: `/reset-password?token=${q}`, token: null, shows: [], status: 'page' });
      await expectSafe({ path: `/unsubscribe?token=${q}`, token: null, shows: [], status: 'page' });
      await expectSafe({
        path: `/resources/boards/${resourceBoards[0].id}?query=${q}&tag=${q}`,
        token: memberToken,
        shows: [],
        status: 'page',
      });
      await expectSafe({ path: `/events?kind=${q}`, token: memberToken, shows: [], status: 'page' });
      await expectSafe({ path: `/new?category=${q}`, token: memberToken, shows: [], status: 'page' });
      await expectSafe({ path: `/appeals/new?action=${q}`, token: memberToken, shows: [], status: 'page' });
      await expectSafe({
        path: `/moderation/appeals?status=${q}`,
        token: adminToken,
        shows: [],
        status: 'page',
      });
      await expectSafe({ path: `/threads/${q}`, token: memberToken, shows: [], status: 404 });
    }
  });

  describe('the session cookie', () => {
    /** The sign-in form posted as a browser without scripts posts it. */
    function postSignIn(webUrl: string, origin: string, cookie?: string): Promise<Response> {
      return stack.postForm(
        '/signin?/signin',
        { email: memberEmail, password: PASSWORD, next: '/' },
        { webUrl, origin, headers: cookie ? { cookie: `${SESSION}=${cookie}` } : {} },
      );
    }

    /** The one cookie an answer leaves the browser with: the last line for the name wins. */
    function lastSessionCookie(res: Response): SetCookie {
      const lines = sessionCookies(res);
      expect(lines.length, res.headers.getSetCookie().join('\n')).toBeGreaterThan(0);
      return lines.at(-1)!;
    }

    function expectSessionFlags(cookie: SetCookie, secure: boolean): void {
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.get('samesite')?.toLowerCase()).toBe('lax');
      expect(cookie.attributes.get('path')).toBe('/');
      expect(cookie.attributes.has('secure')).toBe(secure);
      expect(cookie.attributes.has('domain')).toBe(false);
      expect(Number(cookie.attributes.get('max-age'))).toBe(30 * 24 * 60 * 60);
    }

    async function status(path: string, token: string): Promise<number> {
      const res = await fetch(`${stack.webUrl}${path}`, {
        redirect: 'manual',
        headers: { accept: 'text/html', cookie: `${SESSION}=${token}` },
      });
      await res.body?.cancel();
      return res.status;
    }

    it('is HttpOnly, SameSite=Lax and Path=/ (not Secure on plain http to 127.0.0.1), at sign-in and at registration', async () => {
      const signedIn = await postSignIn(stack.webUrl, stack.webUrl);
      expect(signedIn.status).toBe(303);
      const cookie = lastSessionCookie(signedIn);
      expectSessionFlags(cookie, false);
      expect(await status('/', cookie.value)).toBe(200);

      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        adminToken,
      );
      const registered = await stack.postForm('/register?/register', {
        inviteCode: createInvite.code,
        email: 'new@example.org',
        displayName: 'Newcomer',
        password: PASSWORD,
        timeZone: 'UTC',
      });
      expect(registered.status).toBe(303);
      expectSessionFlags(lastSessionCookie(registered), false);
    });

    it('is Secure when the site is served over https', async () => {
      const origin = 'https://kinship.example';
      const webUrl = await stack.startExtra('web', { ORIGIN: origin });
      const signedIn = await postSignIn(webUrl, origin);
      expect(signedIn.status).toBe(303);
      expectSessionFlags(lastSessionCookie(signedIn), true);
    });

    it('gets a new value at sign-in: a cookie from before is never kept (session fixation)', async () => {
      // A value someone planted before the member signed in.
      const planted = 'planted-by-someone-else-0123456789abcdef';
      const first = await postSignIn(stack.webUrl, stack.webUrl, planted);
      expect(first.status).toBe(303);
      const fresh = lastSessionCookie(first);
      expect(fresh.value).not.toBe(planted);
      expect(fresh.value.length).toBeGreaterThanOrEqual(32);
      expect(await status('/', fresh.value)).toBe(200);
      expect(await status('/', planted)).toBe(303);

      // A real session from before (another sign-in of the same member): signing in again replaces it.
      const earlier = (
        await stack.gql<{ login: { token: string } }>(LOGIN, { email: memberEmail, password: PASSWORD })
      ).login.token;
      const second = await postSignIn(stack.webUrl, stack.webUrl, earlier);
      expect(second.status).toBe(303);
      const replaced = lastSessionCookie(second);
      expect(replaced.value).not.toBe(earlier);
      expect(replaced.value).not.toBe(fresh.value);
      expect(await status('/', replaced.value)).toBe(200);

      // In Chromium: a planted cookie, then the sign-in form; the jar ends with a new HttpOnly value.
      const own = await openBrowser();
      try {
        await own.context.addCookies([{ name: SESSION, value: planted, url: stack.webUrl }]);
        const tab = await own.context.newPage();
        await signIn(tab, stack, memberEmail);
        const jar = (await own.context.cookies(stack.webUrl)).filter((c) => c.name === SESSION);
        expect(jar).toHaveLength(1);
        expect(jar[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
        expect(jar[0].value).not.toBe(planted);
        expect(await status('/', jar[0].value)).toBe(200);
        // Scripts on the page cannot read it.
        expect(await tab.evaluate('document.cookie')).not.toContain(SESSION);
      } finally {
        await own.close();
      }
    });
  });
});
