import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, reloadUntil, signIn } from './support/journey.js';

const ADDRESS = '12 Trailhead Road, Boulder';

async function rsvp(page: Page, label: 'Going' | 'Maybe' | 'Not going'): Promise<void> {
  const group = page.getByRole('group', { name: 'Are you going?' });
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    group.getByRole('button', { name: new RegExp(`^(✓\\s*)?${label}$`) }).click(),
  ]);
  await page.waitForLoadState('networkidle');
}

describe('events journey', () => {
  let stack: Stack;
  const adminEmail = 'sam@program.example';
  const members = ['ana@example.org', 'ben@example.org', 'cam@example.org'];

  beforeAll(async () => {
    // Four registrations and three sign-ins from one address within a minute.
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Sam Staff' },
    });
    const names = ['Ana R', 'Ben K', 'Cam L'];
    for (const [index, email] of members.entries()) {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        admin.token,
      );
      await stack.gql(REGISTER, {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName: names[index] },
      });
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an admin posts a one-seat hike; the waitlist moves up when a seat frees, and the calendar file works', async () => {
    const admin = await openBrowser();
    const second = await openBrowser();
    const third = await openBrowser();
    try {
      // The admin creates the event through the web form (staff publish at once).
      const adminPage = await admin.context.newPage();
      await signIn(adminPage, stack, adminEmail);
      await adminPage.goto(`${stack.webUrl}/events`);
      await adminPage.getByRole('link', { name: 'Propose an event' }).click();
      await adminPage.waitForURL((url) => url.pathname === '/events/new');
      // Ten days ahead (reminders are scheduled then; see the report on events further out).
      const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      await adminPage.getByLabel('Title').fill('Sunrise hike at Chautauqua');
      await adminPage.getByLabel('Kind of event').selectOption('OUTDOORS');
      await adminPage.getByLabel('Description').fill('An easy **two-mile** loop. Bring water.');
      await adminPage.getByLabel('Starts', { exact: true }).fill(`${day}T07:00`);
      await adminPage.getByLabel('Ends', { exact: true }).fill(`${day}T09:00`);
      await adminPage.getByLabel('Time zone').selectOption('America/Denver');
      await adminPage.getByLabel('Address (optional)').fill(ADDRESS);
      await adminPage.getByLabel('Seats (optional)').fill('1');
      await adminPage.getByRole('button', { name: 'Create event' }).click();
      await adminPage.waitForURL((url) => /^\/events\/[0-9a-f-]{36}$/.test(url.pathname));
      const eventPath = new URL(adminPage.url()).pathname;
      await adminPage.getByText('Your event is up.', { exact: false }).waitFor();
      await adminPage.getByRole('heading', { name: 'Sunrise hike at Chautauqua' }).waitFor();
      // 7:00 in Denver is 13:00 or 14:00 UTC (summer or winter time).
      expect(await adminPage.locator('time').first().getAttribute('datetime')).toMatch(
        new RegExp(`^${day}T1[34]:00:00\\.000Z$`),
      );

      // Member 2 goes, and sees the address.
      const page2 = await second.context.newPage();
      await signIn(page2, stack, members[1]);
      await page2.goto(`${stack.webUrl}/events`);
      await page2.getByRole('link', { name: 'Sunrise hike at Chautauqua' }).click();
      await page2.waitForURL((url) => url.pathname === eventPath);
      expect(await page2.getByText('The address is shared with members who are going').count()).toBe(1);
      await rsvp(page2, 'Going');
      await page2.getByTestId('rsvp-status').getByText("You're going").waitFor();
      expect(await page2.getByTestId('event-address').textContent()).toContain(ADDRESS);

      // Member 3 joins the waitlist, number 1, and sees no address.
      const page3 = await third.context.newPage();
      await signIn(page3, stack, members[2]);
      await page3.goto(`${stack.webUrl}${eventPath}`);
      expect(await page3.getByText('1 of 1 going').count()).toBe(1);
      await rsvp(page3, 'Going');
      await page3.getByTestId('rsvp-status').getByText("You're on the waitlist: number 1").waitFor();
      expect(await page3.getByTestId('event-address').count()).toBe(0);
      expect(await page3.getByText(ADDRESS).count()).toBe(0);

      // Member 2 can no longer go; member 3 moves up.
      await rsvp(page2, 'Not going');
      await page2.getByTestId('rsvp-status').getByText("You're not going").waitFor();

      await page3.reload();
      await page3.getByTestId('rsvp-status').getByText("You're going").waitFor();
      expect(await page3.getByTestId('event-address').textContent()).toContain(ADDRESS);

      // The worker tells member 3 a seat opened up.
      await page3.goto(`${stack.webUrl}/notifications`);
      await reloadUntil(page3, async () => (await page3.getByText(/A seat opened up/).count()) > 0);

      // "Add to calendar" through the web, with member 3's session.
      const ics = await page3.request.get(`${stack.webUrl}${eventPath}.ics`);
      expect(ics.status()).toBe(200);
      expect(ics.headers()['content-type']).toContain('text/calendar');
      const body = await ics.text();
      expect(body).toContain('BEGIN:VEVENT');
      expect(body.replace(/\r?\n[ \t]/g, '').replace(/\\,/g, ',')).toContain(ADDRESS);
    } finally {
      await Promise.all([admin.close(), second.close(), third.close()]);
    }
  });
});
