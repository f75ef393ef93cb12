import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, reloadUntil, signIn, signOut } from './support/journey.js';

const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id timeZone } }`;

/** YYYY-MM-DD, `days` days before today, in UTC. */
function daysAgoUtc(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('milestones in the browser', () => {
  let stack: Stack;
  let riverId: string;

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
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
    // River's days are counted in UTC, so "30 days ago" below is the same date for the api.
    await stack.gql(UPDATE_PROFILE, { input: { timeZone: 'UTC' } }, river.token);
    await member('jess@example.org', 'Jess T');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a member records a start date, the wall celebrates 30 days, a follower cheers and replies', async () => {
    const browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    try {
      const page = await browser.context.newPage();

      // Jess follows River from River's profile first.
      await signIn(page, stack, 'jess@example.org');
      await page.goto(`${stack.webUrl}/u/${riverId}`);
      await page.getByRole('button', { name: 'Follow River' }).click();
      await page.getByRole('button', { name: 'Unfollow River' }).waitFor();
      // River's date is private so far: nothing about it on the profile.
      expect(await page.getByText('In recovery since').count()).toBe(0);
      await signOut(page);

      // River records a start date 30 days ago, shared with members and celebrated on the wall.
      await signIn(page, stack, 'river@example.org');
      await page.goto(`${stack.webUrl}/milestones`);
      await page.getByRole('heading', { name: 'My recovery' }).waitFor();
      await page.getByLabel('Your recovery start date').fill(daysAgoUtc(30));
      await page.getByRole('radio', { name: 'Members' }).check();
      await page.getByRole('checkbox', { name: 'Celebrate my milestones on the wall' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved. Nobody is told about changes to your date.').waitFor();
      await page.getByRole('heading', { name: '30 days' }).waitFor();
      await page.getByRole('progressbar').waitFor();
      expect(await page.locator('.chip-list li').allTextContents()).toEqual(['24 hours', '30 days']);
      await signOut(page);

      // The milestone job runs hourly (its schedule is in PostgreSQL): make the last run an hour old.
      await stack.sql(`UPDATE schedule_runs SET last_run_at = now() - interval '61 minutes' WHERE name = 'milestones.daily'`);

      // Jess sees River's celebration on the wall, cheers (no double count) and replies.
      await signIn(page, stack, 'jess@example.org');
      await page.goto(`${stack.webUrl}/milestones/wall`);
      const card = page.locator('article.celebration', { hasText: 'River is celebrating 30 days' });
      await reloadUntil(page, () => card.isVisible());
      await card.getByRole('button', { name: 'Cheer' }).click();
      await card.getByText('1 cheer', { exact: true }).waitFor();
      await card.getByRole('button', { name: 'You cheered' }).click();
      await page.waitForTimeout(500);
      expect(await card.getByText('1 cheer', { exact: true }).count()).toBe(1);

      // Jess heard about it through a notification (she follows River).
      await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).waitFor();

      await card.getByRole('link', { name: 'River is celebrating 30 days' }).click();
      await page.waitForURL(/\/milestones\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: 'River is celebrating 30 days' }).waitFor();
      await page.getByRole('link', { name: /Read the replies and add yours/ }).click();
      await page.waitForURL(/\/threads\/[0-9a-f-]{36}/);
      await page.getByLabel('Your reply').fill('Thirty days! So glad you are here.');
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.getByText('Thirty days! So glad you are here.').waitFor();

      // River's shared date now shows on the profile.
      await page.goto(`${stack.webUrl}/u/${riverId}`);
      await page.getByText('In recovery since').waitFor();
    } finally {
      await browser.close();
    }
  });
});
