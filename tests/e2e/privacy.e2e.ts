import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { post { id thread { id } } }
}`;
const LOGOUT = `mutation { logout }`;

describe('privacy and account control in the browser', () => {
  let stack: Stack;
  let threadUrl: string;
  /** Each test has its own members, so the tests stand alone in any order. */
  const leaver = { email: 'river@example.org', name: 'River Leaving' };
  const reader = { email: 'jess@example.org', name: 'Jess T' };
  const traveller = { email: 'sam@example.org', name: 'Sam' };
  const forgetful = { email: 'morgan@example.org', name: 'Morgan' };
  const plain = { email: 'casey@example.org', name: 'Casey' };
  const adminEmail = 'alex@program.example';
  let forgetfulId: string;

  beforeAll(async () => {
    // The Stack has no SMTP: "forgot password" cannot email, so an admin makes reset links.
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
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
    await member(leaver.email, leaver.name);
    const jess = await member(reader.email, reader.name);
    // Registering signed Sam in through the api; only the browsers' sessions should be listed.
    await stack.gql(LOGOUT, {}, (await member(traveller.email, traveller.name)).token);
    forgetfulId = (await member(forgetful.email, forgetful.name)).user.id;
    await member(plain.email, plain.name);

    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      {
        input: {
          categoryId: createCategory.id,
          title: 'Keeping busy on weekends',
          body: 'Weekends are long without group. What fills yours?',
        },
      },
      jess.token,
    );
    threadUrl = `${stack.webUrl}/threads/${createThread.post.thread.id}`;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a member downloads their data, deletes the account keeping their posts, and can no longer sign in', async () => {
    const marker = `weekend-marker-${Date.now().toString(36)}`;
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();

      // River replies in Jess's thread.
      await signIn(page, stack, leaver.email);
      await page.goto(threadUrl, { waitUntil: 'networkidle' });
      await page.getByLabel('Your reply').fill(`Long walks with my dog. ${marker}`);
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.locator('article.post', { hasText: marker }).waitFor();

      // The export is a file download with everything about River and no token material.
      await page.goto(`${stack.webUrl}/settings/account`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1, name: 'Account and privacy' }).waitFor();
      const downloading = page.waitForEvent('download');
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/settings/account/export');
      await page.getByRole('button', { name: 'Download your data' }).click();
      const download = await downloading;
      const headers = (await answered).headers();
      expect(headers['content-disposition']).toMatch(
        /^attachment; filename="kinship-export-[\d-]{10}\.json"$/,
      );
      expect(headers['cache-control']).toBe('no-store');
      expect(download.suggestedFilename()).toMatch(/^kinship-export-\d{4}-\d{2}-\d{2}\.json$/);
      const file = await download.path();
      const text = await readFile(file, 'utf8');
      const exported = JSON.parse(text) as { profile: { email: string; displayName: string } };
      expect(exported.profile.email).toBe(leaver.email);
      expect(exported.profile.displayName).toBe(leaver.name);
      expect(text).toContain(marker);
      const cookie = (await browser.context.cookies()).find((c) => c.name === 'kinship_session');
      expect(cookie?.value).toBeTruthy();
      expect(text).not.toContain(cookie!.value);
      expect(text).not.toMatch(/token_?hash|password_?hash/i);
      // Downloading kept River on the page.
      expect(new URL(page.url()).pathname).toBe('/settings/account');

      // River deletes the account, keeping the posts as "Former member".
      await page.getByLabel('Your password', { exact: true }).fill(PASSWORD);
      await page.getByRole('radio', { name: 'Keep my posts, shown as "Former member"' }).check();
      await page.getByRole('checkbox', { name: /cannot be undone/ }).check();
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.has('deleted'));
      await page.getByText('Your account has been deleted.').waitFor();
      expect(await browser.context.cookies()).not.toContainEqual(
        expect.objectContaining({ name: 'kinship_session' }),
      );

      // The old email and password no longer open anything.
      await page.goto(`${stack.webUrl}/signin`, { waitUntil: 'networkidle' });
      await page.getByLabel('Email').fill(leaver.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText("That email and password don't match an account.").waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');

      // Jess still reads River's words, from "Former member".
      await signIn(page, stack, reader.email);
      await page.goto(threadUrl, { waitUntil: 'networkidle' });
      const kept = page.locator('article.post', { hasText: marker });
      await kept.waitFor();
      expect((await kept.locator('.post-author').textContent())?.trim()).toBe('Former member');
      expect(await page.getByText(leaver.name).count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('a member signed in on two browsers signs the other out, changes the password, then signs out everywhere', async () => {
    const phone = await openBrowser();
    const laptop = await openBrowser();
    try {
      const here = await phone.context.newPage();
      const there = await laptop.context.newPage();
      await signIn(here, stack, traveller.email);
      await signIn(there, stack, traveller.email);

      await here.goto(`${stack.webUrl}/settings/account`, { waitUntil: 'networkidle' });
      const sessions = here.getByTestId('sessions').getByRole('listitem');
      expect(await sessions.count()).toBe(2);
      expect(await sessions.filter({ hasText: 'This device' }).count()).toBe(1);

      // "Sign out" on the other browser: its next page is the sign-in page.
      const other = sessions.filter({ hasNotText: 'This device' });
      await other.getByRole('button', { name: /^Sign out/ }).click();
      await here.getByRole('status').filter({ hasText: 'is signed out' }).waitFor();
      await expect.poll(() => sessions.count()).toBe(1);
      await there.goto(`${stack.webUrl}/settings/profile`, { waitUntil: 'networkidle' });
      expect(new URL(there.url()).pathname).toBe('/signin');

      // A mistyped confirmation is caught next to that field; nothing changes.
      await here.getByLabel('Current password').fill(PASSWORD);
      await here.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
      await here.getByLabel('Confirm new password').fill('a-brand-new-pasword');
      await here.getByRole('button', { name: 'Change password' }).click();
      await here
        .getByRole('alert')
        .getByText(/^Confirm new password doesn't match/)
        .waitFor();
      expect(await here.getByLabel('Confirm new password').getAttribute('aria-invalid')).toBe('true');

      // Typed the same twice, it goes through and this browser stays signed in.
      await here.getByLabel('Current password').fill(PASSWORD);
      await here.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
      await here.getByLabel('Confirm new password').fill('a-brand-new-password');
      await here.getByRole('button', { name: 'Change password' }).click();
      await here.getByText('Your password is changed.').waitFor();
      await here.reload({ waitUntil: 'networkidle' });
      expect(new URL(here.url()).pathname).toBe('/settings/account');

      // "Sign out everywhere" signs this browser out too, with a calm word on the sign-in page.
      await here.getByText('Sign out everywhere', { exact: true }).click();
      await here.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
      await here.waitForURL((url) => url.pathname === '/signin');
      await here.getByText('You are signed out on every device, this one included.').waitFor();
      await here.goto(`${stack.webUrl}/settings/account`, { waitUntil: 'networkidle' });
      expect(new URL(here.url()).pathname).toBe('/signin');

      // The new password is the one that works now.
      await signIn(there, stack, traveller.email, 'a-brand-new-password');
      expect(new URL(there.url()).pathname).not.toBe('/signin');
    } finally {
      await phone.close();
      await laptop.close();
    }
  });

  it('without email, forgot-password says to ask an admin, whose reset link lets the member in again', async () => {
    const newPassword = 'morgans-own-new-password';
    const signedOut = await openBrowser();
    const staff = await openBrowser();
    try {
      // Morgan, signed out, finds the way from the sign-in page.
      const page = await signedOut.context.newPage();
      await page.goto(`${stack.webUrl}/signin`, { waitUntil: 'networkidle' });
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.waitForURL((url) => url.pathname === '/forgot-password');
      await page.getByText("Email isn't set up for this community").waitFor();
      await page.getByText('ask an admin of your program for a password reset link').waitFor();
      expect(await page.getByLabel('Email').count()).toBe(0);

      // An admin makes a link on Morgan's profile; it is shown once, with when it expires.
      const admin = await staff.context.newPage();
      await signIn(admin, stack, adminEmail);
      await admin.goto(`${stack.webUrl}/u/${forgetfulId}`, { waitUntil: 'networkidle' });
      await admin.getByRole('button', { name: 'Create a password reset link' }).click();
      const linkField = admin.getByTestId('reset-link');
      await linkField.waitFor();
      const link = await linkField.inputValue();
      expect(link.startsWith(`${stack.webUrl}/reset-password?token=`)).toBe(true);
      await admin.getByText('This link is shown only this once.').waitFor();
      await admin.getByText(/It works once, until /).waitFor();

      // Morgan opens it signed out and chooses a new password.
      await page.goto(link, { waitUntil: 'networkidle' });
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm new password').fill(newPassword);
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.has('reset'));
      await page.getByText('Your password has been changed. Sign in with the new one.').waitFor();

      // The link worked once only.
      await page.goto(link, { waitUntil: 'networkidle' });
      await page.getByLabel('New password', { exact: true }).fill('yet-another-password');
      await page.getByLabel('Confirm new password').fill('yet-another-password');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page
        .getByRole('alert')
        .getByText(/expired or was already used/)
        .waitFor();

      await signIn(page, stack, forgetful.email, newPassword);
      expect(new URL(page.url()).pathname).not.toBe('/signin');
    } finally {
      await signedOut.close();
      await staff.close();
    }
  });

  it('the download and the account forms work with JavaScript off, naming each field that needs a look', async () => {
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, plain.email);
      await page.goto(`${stack.webUrl}/settings/account`, { waitUntil: 'networkidle' });

      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download your data' }).click();
      const exported = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as {
        profile: { email: string };
      };
      expect(exported.profile.email).toBe(plain.email);

      // Delete with nothing filled in: nothing happens, and each missing part is named.
      await page.getByRole('button', { name: 'Delete my account' }).click();
      const summary = page.getByRole('alert');
      await summary.getByText('Choose what happens to your posts').waitFor();
      await summary.getByText('Enter your password').waitFor();
      await summary.getByText('Tick the box to confirm').waitFor();
      expect(await page.getByLabel('Your password', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );

      // A wrong password is named as such, and the choice made is kept.
      await page.getByRole('radio', { name: 'Remove the text of my posts' }).check();
      await page.getByRole('checkbox', { name: /cannot be undone/ }).check();
      await page.getByLabel('Your password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await page.getByRole('alert').getByText('Your password is not correct.').first().waitFor();
      expect(await page.getByRole('radio', { name: 'Remove the text of my posts' }).isChecked()).toBe(true);

      // Still a member: the settings page opens as before.
      await page.goto(`${stack.webUrl}/settings/account`, { waitUntil: 'networkidle' });
      expect(new URL(page.url()).pathname).toBe('/settings/account');
    } finally {
      await browser.close();
    }
  });
});
