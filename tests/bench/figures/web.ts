import { gzipSync } from 'node:zlib';
import { openBrowser } from '../../e2e/support/chrome.js';
import type { BenchContext } from '../context.js';
import { load, warmUp, type LoadResult } from '../load.js';

export interface Web {
  page: LoadResult;
  /** JavaScript the thread route loads in Chromium: files, bytes as served, and gzip -9 of each, summed. */
  js: { files: number; bytes: number; gzipBytes: number };
}

const SESSION_COOKIE = 'kinship_session';

/**
 * Figure 7: the server-rendered thread page (first page of the deep thread) through the web
 * server with the viewer's session cookie, and the JavaScript that page makes Chromium load.
 */
export async function web(ctx: BenchContext): Promise<Web> {
  const url = `${ctx.webUrl}/threads/${ctx.world.deepThreadId}`;
  const headers = { cookie: `${SESSION_COOKIE}=${ctx.token}` };
  const check = await fetch(url, { headers, redirect: 'manual' });
  const html = await check.text();
  if (check.status !== 200 || !html.includes('id="post-1"')) {
    throw new Error(`the thread page answered ${check.status} without the thread's first post`);
  }
  const options = { url, connections: 10, seconds: ctx.scale.seconds.web, headers };
  await warmUp(options, ctx.scale.seconds.warmup);
  const page = await load(options);

  const browser = await openBrowser();
  try {
    await browser.context.addCookies([
      { name: SESSION_COOKIE, value: ctx.token, url: ctx.webUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    const tab = await browser.context.newPage();
    const scripts: Promise<Buffer>[] = [];
    tab.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (response.request().resourceType() === 'script' || type.includes('javascript'))
        scripts.push(response.body());
    });
    const response = await tab.goto(url, { waitUntil: 'networkidle' });
    if (response?.status() !== 200) throw new Error(`Chromium got ${response?.status()} for the thread page`);
    const bodies = await Promise.all(scripts);
    return {
      page,
      js: {
        files: bodies.length,
        bytes: bodies.reduce((sum, b) => sum + b.length, 0),
        gzipBytes: bodies.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
      },
    };
  } finally {
    await browser.close();
  }
}
