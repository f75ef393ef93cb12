import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { signIn } from './support/journey.js';
import { registerAdmin, registerMembers } from '../reliability/support.js';

const THANKS = "Thank you. A moderator will look at this. The author won't know who flagged it.";
const QUEUE = `{ moderationQueue(first: 50) { edges { node { targetType targetId reasons { reason } } } } }`;

/**
 * Every page with the flag form uses one convention (web/src/lib/flags.ts): `?flag=<id>` opens
 * it, a try without a reason comes back to the open form, and success comes back with
 * `?flagged=<id>` and a focused thanks. The post's journey is in moderation.e2e.ts; these are the
 * profile, the event and the posting, with JavaScript off and on.
 */
describe('flagging a profile, an event and a posting', () => {
  let stack: Stack;
  let adminToken: string;
  let memberId: string;
  let eventId: string;
  let resourceId: string;
  let flagger: string;
  let memberName: string;

  beforeAll(async () => {
    stack = await Stack.start({ AUTH_RATE_LIMIT_PER_IP: '1000' });
    const admin = await registerAdmin(stack, 'alex@program.example', 'Alex Staff');
    adminToken = admin.token;
    const [member, robin] = await registerMembers(stack, admin, 2);
    memberId = member.id;
    memberName = member.email.split('@')[0]; // registerMembers names each member after their email
    flagger = robin.email;
    const startsAt = Date.now() + 5 * 86_400_000;
    eventId = (
      await stack.gql<{ createEvent: { id: string } }>(
        `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
        {
          input: {
            title: 'Board games night',
            kind: 'SOCIAL',
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(startsAt + 7200_000).toISOString(),
            timeZone: 'America/Chicago',
            address: 'Community room, 12 Elm St',
          },
        },
        adminToken,
      )
    ).createEvent.id;
    const { resourceBoards } = await stack.gql<{ resourceBoards: { id: string; name: string }[] }>(
      `{ resourceBoards { id name } }`,
      {},
      adminToken,
    );
    resourceId = (
      await stack.gql<{ createResource: { id: string } }>(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: {
            boardId: resourceBoards.find((b) => b.name === 'Jobs')!.id,
            title: 'Kitchen porter',
            organization: 'Harbor Diner',
            description: 'Evening shifts.',
            url: 'https://jobs.example.org/porter',
            tags: ['evening'],
          },
        },
        adminToken,
      )
    ).createResource.id;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const queued = async (targetType: string, targetId: string) => {
    const { moderationQueue } = await stack.gql<{
      moderationQueue: { edges: { node: { targetType: string; targetId: string; reasons: { reason: string }[] } }[] };
    }>(QUEUE, {}, adminToken);
    return moderationQueue.edges.map((e) => e.node).find((n) => n.targetType === targetType && n.targetId === targetId);
  };
  /** Back on the page with `?flagged=<id>` and the thanks; with JavaScript, focus is on the thanks. */
  const thanked = async (page: Page, targetId: string, focused: boolean) => {
    await page.waitForURL((url) => url.searchParams.get('flagged') === targetId);
    const thanks = page.getByRole('status').filter({ hasText: THANKS });
    await thanks.waitFor();
    if (focused) expect(await thanks.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  };

  it('with JavaScript off: a profile, refused without a reason and then sent, and a posting', async () => {
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, flagger);

      await page.goto(`${stack.webUrl}/u/${memberId}`);
      await page.getByRole('link', { name: `Flag ${memberName}'s profile` }).click();
      await page.waitForURL((url) => url.searchParams.get('flag') === memberId);
      await page.getByRole('button', { name: 'Send flag' }).click();
      await page.getByText('Please choose what you would like the moderators to know.').first().waitFor();
      expect(await queued('USER', memberId)).toBeUndefined();
      await page.getByRole('radio', { name: 'Harassment or bullying' }).check();
      await page.getByRole('button', { name: 'Send flag' }).click();
      await thanked(page, memberId, false);
      expect(await queued('USER', memberId)).toMatchObject({ reasons: [{ reason: 'HARASSMENT' }] });

      await page.goto(`${stack.webUrl}/resources/${resourceId}`);
      await page.getByRole('link', { name: 'Flag this posting' }).click();
      await page.waitForURL((url) => url.searchParams.get('flag') === resourceId);
      await page.getByRole('radio', { name: 'Spam or solicitation' }).check();
      await page.getByRole('button', { name: 'Send flag' }).click();
      await thanked(page, resourceId, false);
      expect(await queued('RESOURCE', resourceId)).toMatchObject({ reasons: [{ reason: 'SPAM' }] });
    } finally {
      await browser.close();
    }
  });

  it('with JavaScript on: an event', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, stack, flagger);
      await page.goto(`${stack.webUrl}/events/${eventId}`);
      await page.getByRole('link', { name: 'Flag this event' }).click();
      await page.getByRole('radio', { name: 'Spam or solicitation' }).check();
      await page.getByRole('button', { name: 'Send flag' }).click();
      await thanked(page, eventId, true);
      expect(await queued('EVENT', eventId)).toMatchObject({ reasons: [{ reason: 'SPAM' }] });
    } finally {
      await browser.close();
    }
  });
});
