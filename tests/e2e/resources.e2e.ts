import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { CREATE_INVITE, PASSWORD, REGISTER, signIn } from './support/journey.js';

const TITLE = 'Kitchen assistant, part-time';
const TAG = 'fair-chance employer';

const SET_ROLE = `mutation($userId: ID!) { setRole(userId: $userId, role: MODERATOR) { id } }`;

describe('resources journey', () => {
  let stack: Stack;
  const adminEmail = 'sam@program.example';
  const people = [
    { email: 'ana@example.org', name: 'Ana R' },
    { email: 'mo@example.org', name: 'Mo Moderator' },
    { email: 'cam@example.org', name: 'Cam L' },
  ];

  beforeAll(async () => {
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Sam Staff' },
    });
    for (const person of people) {
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        {},
        admin.token,
      );
      const { register } = await stack.gql<{ register: { user: { id: string } } }>(REGISTER, {
        input: {
          inviteCode: createInvite.code,
          email: person.email,
          password: PASSWORD,
          displayName: person.name,
        },
      });
      if (person.email.startsWith('mo@')) {
        await stack.gql(SET_ROLE, { userId: register.user.id }, admin.token);
      }
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a member shares a job, a moderator approves it, and another member finds it by tag and saves it', async () => {
    const poster = await openBrowser();
    const moderator = await openBrowser();
    const finder = await openBrowser();
    try {
      // The member shares a job through the web form; it waits for review.
      const page1 = await poster.context.newPage();
      await signIn(page1, stack, people[0].email);
      await page1.goto(`${stack.webUrl}/resources/new`, { waitUntil: 'networkidle' });
      expect(await page1.getByText('A moderator reviews every posting before it appears').count()).toBe(1);
      await page1.getByLabel('Board', { exact: true }).selectOption({ label: 'Jobs' });
      await page1.getByLabel('Title', { exact: true }).fill(TITLE);
      await page1.getByLabel('Organisation', { exact: true }).fill('Second Chance Bakery');
      await page1
        .getByLabel('Description', { exact: true })
        .fill('Early shifts, **paid training**, a team that gets it.');
      await page1.getByLabel('Location (optional)').fill('Denver');
      await page1.getByLabel('Link to apply or find out more (optional)').fill('https://bakery.example/jobs');
      await page1.getByLabel(TAG, { exact: true }).check();
      await page1.getByLabel('Other tags (comma-separated)').fill('Baking, early shifts');
      expect(await page1.getByLabel('Days to keep it on the board').inputValue()).toBe('30');
      await page1.getByRole('button', { name: 'Send for review' }).click();
      await page1.waitForURL((url) => /^\/resources\/[0-9a-f-]{36}$/.test(url.pathname));
      await page1.waitForLoadState('networkidle');
      const postingPath = new URL(page1.url()).pathname;
      await page1
        .getByText('A moderator reviews postings before they appear on the board', { exact: false })
        .first()
        .waitFor();
      await page1.getByTestId('resource-state').getByText('Waiting for review.').waitFor();

      await page1.goto(`${stack.webUrl}/resources/mine`, { waitUntil: 'networkidle' });
      expect((await page1.getByTestId('resource-status').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
        'Status: Waiting for review',
      );

      // Nobody else sees it on the board yet.
      const page3 = await finder.context.newPage();
      await signIn(page3, stack, people[2].email);
      await page3.goto(`${stack.webUrl}${postingPath}`, { waitUntil: 'networkidle' });
      expect(await page3.getByRole('heading', { name: TITLE }).count()).toBe(0);

      // The moderator approves it on the posting page.
      const page2 = await moderator.context.newPage();
      await signIn(page2, stack, people[1].email);
      await page2.goto(`${stack.webUrl}${postingPath}`, { waitUntil: 'networkidle' });
      await page2.getByRole('heading', { name: TITLE }).waitFor();
      await page2.getByRole('button', { name: 'Approve' }).click();
      await page2.waitForURL((url) => url.searchParams.get('done') === 'approved');
      await page2.getByText('Approved. The posting is live', { exact: false }).waitFor();
      expect(await page2.getByRole('button', { name: 'Approve' }).count()).toBe(0);

      // A third member finds it on the Jobs board by its tag, and saves it.
      await page3.goto(`${stack.webUrl}/resources`, { waitUntil: 'networkidle' });
      await page3.getByRole('link', { name: 'Jobs', exact: true }).click();
      await page3.waitForURL((url) => url.pathname.startsWith('/resources/boards/'));
      await page3.waitForLoadState('networkidle');
      await page3.getByRole('navigation', { name: 'Filter by tag' }).getByRole('link', { name: TAG }).click();
      await page3.waitForURL((url) => url.searchParams.get('tag') === TAG);
      await page3.waitForLoadState('networkidle');
      const card = page3.getByRole('link', { name: TITLE });
      await card.waitFor();
      const apply = page3.getByRole('link', { name: /Apply \/ visit/ }).first();
      expect(await apply.getAttribute('rel')).toBe('noopener nofollow');
      expect(await apply.getAttribute('target')).toBe('_blank');
      await card.click();
      await page3.waitForURL((url) => url.pathname === postingPath);
      await page3.waitForLoadState('networkidle');
      await page3.getByRole('button', { name: 'Save for later' }).click();
      await page3.waitForURL((url) => url.searchParams.get('done') === 'saved');
      await page3.getByText('Saved. You can find it any time', { exact: false }).waitFor();

      await page3.goto(`${stack.webUrl}/resources/saved`, { waitUntil: 'networkidle' });
      await page3.getByRole('link', { name: TITLE }).waitFor();
      expect(await page3.getByText('Second Chance Bakery').count()).toBeGreaterThan(0);
    } finally {
      await Promise.all([poster.close(), moderator.close(), finder.close()]);
    }
  });
});
