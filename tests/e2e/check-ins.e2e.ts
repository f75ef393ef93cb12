import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id timeZone } }`;

/** YYYY-MM-DD, `days` days before today, in UTC (the member's time zone here). */
function daysAgoUtc(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Answers the check-in form and saves it (a plain form post: JavaScript is off). */
async function checkIn(page: Page, answers: { mood: string; cravings: string; sleep?: string; helped?: string }): Promise<void> {
  await page.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: answers.mood, exact: true }).check();
  await page.getByRole('group', { name: 'Cravings' }).getByRole('radio', { name: answers.cravings, exact: true }).check();
  if (answers.sleep) {
    await page.getByRole('group', { name: 'How well I slept' }).getByRole('radio', { name: answers.sleep, exact: true }).check();
  }
  if (answers.helped) await page.getByLabel('What helped today').fill(answers.helped);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/^Saved your check-in for/).waitFor();
}

describe('check-ins in the browser', () => {
  let stack: Stack;
  let riverId: string;

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0' });
    const adminEmail = 'alex@program.example';
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: await stack.createAdminInvite(adminEmail), email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(CREATE_INVITE, {}, admin.token);
    const { register: river } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
      input: { inviteCode: createInvite.code, email: 'river@example.org', password: PASSWORD, displayName: 'River' },
    });
    riverId = river.user.id;
    await stack.gql(UPDATE_PROFILE, { input: { timeZone: 'UTC' } }, river.token);
    // River wrote a plan for hard moments while things were calm.
    await stack.gql(
      `mutation($i: SafetyPlanInput!) { saveSafetyPlan(input: $i) { updatedAt } }`,
      {
        i: {
          warningSigns: ['Skipping meals'],
          copingStrategies: ['Walk round the block'],
          distractions: [],
          helpers: ['Call my sister Ana'],
          professionals: [],
          safeEnvironment: [],
          reasons: ['My daughter'],
        },
      },
      river.token,
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a member checks in on three days with JavaScript off, sees them on the trend, and three hard days offer the plan', async () => {
    const browser = await openBrowser({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, 'river@example.org');

      // Two days back, then yesterday (through the day links), then today.
      await page.goto(`${stack.webUrl}/milestones/check-in?day=${daysAgoUtc(2)}`);
      await page.getByRole('heading', { level: 1, name: 'Check-in' }).waitFor();
      await checkIn(page, { mood: 'Very low', cravings: 'Moderate', sleep: 'Poorly' });
      // Not three hard days yet: no panel.
      expect(await page.getByText('The last few days sound hard.').count()).toBe(0);

      await page.getByRole('navigation', { name: 'Days you can check in for' }).getByRole('link', { name: 'Yesterday' }).click();
      await page.waitForURL(new RegExp(`day=${daysAgoUtc(1)}`));
      await page.getByRole('heading', { name: 'How was yesterday?' }).waitFor();
      await checkIn(page, { mood: 'Low', cravings: 'Very strong', helped: 'Called my sister' });

      await page.goto(`${stack.webUrl}/milestones/check-in`);
      await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
      await checkIn(page, { mood: 'Very low', cravings: 'Very strong', sleep: 'Okay' });

      // Three hard days in a row: the calm panel, the plan, and (once) the offer to tell my people.
      const panel = page.locator('section.hard-days');
      await panel.getByRole('heading', { name: 'The last few days sound hard.' }).waitFor();
      // Her own plan, shown right in the panel.
      await panel.getByRole('heading', { name: 'Your plan for hard moments' }).waitFor();
      await panel.getByText('Call my sister Ana').waitFor();
      await panel.getByText('My daughter').waitFor();
      expect(await panel.getByRole('link', { name: 'See or change my plan' }).getAttribute('href')).toBe('/milestones/plan');
      const reachOut = panel.locator('form', { has: page.getByRole('button', { name: 'Let my people know' }) });
      expect(await reachOut.getAttribute('action')).toBe('/milestones/people?/reachOut');
      await panel.getByRole('button', { name: 'Not now' }).waitFor();
      await page.getByRole('link', { name: 'Share a copy', exact: true }).waitFor();
      await page.screenshot({ path: '/tmp/shots/check-in.png', fullPage: true });

      // Saving today again keeps the plan in view, but the offer was made once for this stretch.
      await checkIn(page, { mood: 'Very low', cravings: 'Very strong' });
      await panel.getByRole('heading', { name: 'The last few days sound hard.' }).waitFor();
      expect(await panel.getByRole('button', { name: 'Let my people know' }).count()).toBe(0);

      // Sharing posts an edited copy to Daily check-in after a clear confirm; the check-in stays private.
      await page.getByRole('link', { name: 'Share a copy', exact: true }).click();
      await page.getByText('This posts a copy to Daily check-in, visible to members.').waitFor();
      expect(await page.getByLabel('What to share').inputValue()).toBe('Mood: Very low. Cravings: very strong. Slept okay.');
      await page.getByLabel('What to share').fill('A hard few days. Checking in here instead of going it alone.');
      await page.getByRole('button', { name: 'Post to Daily check-in' }).click();
      await page.waitForURL(/\/threads\/[0-9a-f-]{36}/);
      await page.getByText('Checking in here instead of going it alone.').waitFor();

      // The trend has the three days, as points of each series.
      await page.goto(`${stack.webUrl}/milestones/trend`);
      await page.getByRole('heading', { level: 1, name: 'My trend' }).waitFor();
      await page.locator('svg.chart-svg').waitFor();
      expect(await page.locator('svg.chart-svg [data-series="mood"] .marker').count()).toBe(3);
      expect(await page.locator('svg.chart-svg [data-series="cravings"] .marker').count()).toBe(3);
      expect(await page.locator('svg.chart-svg [data-series="sleep"] .marker').count()).toBe(2);
      // Nothing on it (the chart, or the hidden table for screen readers) widens the page on a phone.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: '/tmp/shots/trend.png', fullPage: true });
      await page.getByRole('link', { name: 'Last 90 days' }).click();
      await page.waitForURL(/range=90/);
      expect(await page.locator('svg.chart-svg [data-series="mood"] .marker').count()).toBe(3);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

      // My recovery's hub says today is done and leads to each room.
      await page.goto(`${stack.webUrl}/milestones`);
      const space = page.getByRole('region', { name: 'Your private space' });
      await space.getByText('Done for today. You can change it any time today.').waitFor();
      for (const room of ['Daily check-in', 'My trend', 'Monthly recovery check', 'My plan for hard moments', 'My people', 'People I support']) {
        await space.getByRole('link', { name: room, exact: true }).waitFor();
      }
    } finally {
      await browser.close();
    }
  });

  it('an admin sees none of it: the same pages show the admin only their own empty space', async () => {
    const browser = await openBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, 'alex@program.example');
      // What River wrote in her check-ins and her plan (the first test), none of which may show.
      const river = ['Called my sister', 'Call my sister Ana', 'My daughter', 'Skipping meals', 'Walk round the block'];
      for (const path of [
        '/milestones',
        '/milestones/check-in',
        `/milestones/check-in?day=${daysAgoUtc(1)}`,
        '/milestones/trend?range=90',
        '/milestones/check-in/monthly',
        '/milestones/plan',
        '/milestones/people',
        '/milestones/supporting',
        `/u/${riverId}`,
        '/moderation',
      ]) {
        const response = await page.goto(`${stack.webUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        const body = await page.locator('body').innerText();
        for (const words of river) expect(body, `${path} shows "${words}"`).not.toContain(words);
      }
      // The plan's download (a file, fetched with the admin's session) is the admin's own, too.
      const download = await page.request.get(`${stack.webUrl}/milestones/plan.txt`);
      expect(download.status()).toBe(200);
      const text = await download.text();
      for (const words of river) expect(text, `plan.txt shows "${words}"`).not.toContain(words);
      // The admin's own trend is empty: no points of River's.
      await page.goto(`${stack.webUrl}/milestones/trend`);
      await page.getByText('No check-ins in these 30 days yet.', { exact: false }).waitFor();
      expect(await page.locator('svg.chart-svg .marker').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
