import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`;

describe('live notifications in the browser', () => {
  let stack: Stack;
  let threadId: string;
  let jessToken: string;
  let riverId: string;
  let riverToken: string;

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { name: 'Daily check-in' },
      admin.token,
    );
    const member = async (email: string, displayName: string) => {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        admin.token,
      );
      const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName },
      });
      return register;
    };
    const river = await member('river@example.org', 'River');
    riverId = river.user.id;
    riverToken = river.token;
    jessToken = (await member('jess@example.org', 'Jess T')).token;
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      {
        input: {
          categoryId: createCategory.id,
          title: 'Evenings are the hardest',
          body: 'How do you fill them?',
        },
      },
      river.token,
    );
    threadId = createThread.post.thread.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('updates the unread badge without a reload when someone replies', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, 'river@example.org');
      expect(new URL(page.url()).pathname).toBe('/');
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations++;
      });

      // The stream is open once the first event (the current count, 0) has arrived.
      await stack.gql(REPLY, { input: { threadId, body: 'Walking after dinner helps me.' } }, jessToken);

      await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.notifications-link .badge').textContent()).toBe('1');
      expect(navigations).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/');
    } finally {
      await browser.close();
    }
  });

  it('refuses the live stream to signed-out visitors', async () => {
    const res = await fetch(`${stack.webUrl}/notifications/stream`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });

  it('unsubscribes with one click, also as a mail provider posts it (RFC 8058)', async () => {
    // A garbled link is told kindly, with no sign-in needed.
    const page = await fetch(`${stack.webUrl}/unsubscribe?token=abc`, {
      redirect: 'manual',
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop these emails');
    const post = await fetch(`${stack.webUrl}/unsubscribe?token=abc`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    // Reaches the handler (not the cross-site 403); the api rejects the bad token.
    expect(post.status).toBe(400);
    expect(await post.text()).toContain('This unsubscribe link is not valid.');
    // Other form posts from elsewhere are still refused.
    const crossSite = await fetch(`${stack.webUrl}/settings/notifications?/quietHours`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'enabled=on&start=22:00&end=07:00',
    });
    expect(crossSite.status).toBe(403);

    // The link an email carries (made here the way the api makes it).
    const payload = `${riverId}.REPLY`;
    const mac = createHmac('sha256', stack.env.APP_SECRET!)
      .update(`unsubscribe:${payload}`)
      .digest('base64url');
    const token = Buffer.from(`${payload}.${mac}`, 'utf8').toString('base64url');

    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${stack.webUrl}/unsubscribe?token=${token}`);
      await tab.getByRole('heading', { name: 'Stop emails about replies in threads you follow?' }).waitFor();
      await tab.getByRole('button', { name: 'Stop these emails' }).click();
      await tab
        .getByText("Done. You won't get these emails any more. You can change this any time in settings.")
        .waitFor();
    } finally {
      await browser.close();
    }
    const prefs = await stack.gql<{ notificationPreferences: { type: string; email: string }[] }>(
      '{ notificationPreferences { type email } }',
      {},
      riverToken,
    );
    expect(prefs.notificationPreferences.find((p) => p.type === 'REPLY')?.email).toBe('OFF');

    // A mail provider's one-click POST to the same link answers 200.
    const oneClick = await fetch(`${stack.webUrl}/unsubscribe?token=${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Done.');
  });
});
