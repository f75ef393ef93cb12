import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, reloadUntil, signIn, signOut } from './support/journey.js';

const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;

describe('browser journeys', () => {
  let stack: Stack;
  let adminEmail: string;
  let replierEmail: string;

  beforeAll(async () => {
    // The foundation journey: a new member's first posts go live at once here (pre-moderation
    // of first posts is a setting, tested on its own).
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
    // The operator's first admin, then a category and a second member, all through the public API.
    adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    await stack.gql(CREATE_CATEGORY, { name: 'Daily check-in' }, admin.token);
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
      CREATE_INVITE,
      {},
      admin.token,
    );
    replierEmail = 'jess@example.org';
    await stack.gql(REGISTER, {
      input: {
        inviteCode: createInvite.code,
        email: replierEmail,
        password: PASSWORD,
        displayName: 'Jess T',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('admin invites a graduate, who starts a thread, gets a reply, and follows the notification to it', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();

      // The admin signs in and creates an invite.
      await signIn(page, stack, adminEmail);
      await page.goto(`${stack.webUrl}/admin/invites`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: 'Create invite' }).click();
      const code = (await page.getByTestId('invite-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      await signOut(page);

      // The graduate registers with it.
      await page.goto(`${stack.webUrl}/register`, { waitUntil: 'networkidle' });
      await page.getByLabel('Invite code').fill(code);
      await page.getByLabel('Email').fill('river@example.org');
      await page.getByLabel('Display name').fill('River');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL((url) => url.pathname === '/');

      // ... and starts a thread.
      await page.getByRole('link', { name: 'Start a thread' }).first().click();
      await page.getByLabel('Category').selectOption({ label: 'Daily check-in' });
      await page.getByLabel('Title').fill('First week after graduation');
      await page.getByLabel('Body').fill('Nervous without group three times a week. How did you all manage?');
      await page.getByRole('button', { name: 'Start thread' }).click();
      await page.waitForURL(/\/threads\/[0-9a-f-]{36}/);
      const threadUrl = page.url().split('?')[0].split('#')[0];
      await page.getByRole('heading', { name: 'First week after graduation' }).waitFor();
      await signOut(page);

      // Another member replies.
      await signIn(page, stack, replierEmail);
      await page.goto(threadUrl, { waitUntil: 'networkidle' });
      await page.getByLabel('Your reply').fill('Checking in here every morning helped me a lot.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.getByText('Checking in here every morning helped me a lot.').waitFor();
      await signOut(page);

      // The author sees the unread badge and follows the notification to the reply.
      await signIn(page, stack, 'river@example.org');
      const badge = page.getByRole('link', { name: /Notifications, 1 unread/ });
      await reloadUntil(page, () => badge.isVisible());
      await badge.click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      const notification = page.getByRole('link', { name: /Jess T replied to your thread/ });
      await notification.click();
      await page.waitForURL((url) => url.pathname === new URL(threadUrl).pathname);
      expect(new URL(page.url()).hash).toBe('#post-2');
      await page.locator('#post-2').getByText('Checking in here every morning helped me a lot.').waitFor();
      // Opening it marked it read.
      await page.getByRole('link', { name: /^Notifications(, 0 unread)?$/ }).waitFor();
    } finally {
      await browser.close();
    }
  });

  it('posts a reply through the plain HTML form with JavaScript disabled', async () => {
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, replierEmail);
      await page.getByRole('link', { name: 'First week after graduation' }).first().click();
      await page.waitForURL(/\/threads\//);
      await page.getByLabel('Your reply').fill('Replying without JavaScript works too.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.waitForURL(/#post-3$/);
      await page.locator('#post-3').getByText('Replying without JavaScript works too.').waitFor();

      // A bad reply (only spaces) comes back with the error next to the field and nothing posted.
      await page.getByLabel('Your reply').fill('   ');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.getByText('Body cannot be empty.').first().waitFor();
      expect(await page.locator('#post-4').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
