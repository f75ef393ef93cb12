import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_INVITE = `mutation($role: Role!) { createInvite(input: { role: $role }) { code } }`;
const TOPICS = `{ mentorTopics { id label } }`;
const SAVE_PROFILE = `mutation($input: SaveMentorProfileInput!) { saveMentorProfile(input: $input) { status } }`;
const SET_RECOVERY = `mutation($date: Date!) { setRecoveryStart(announce: false, date: $date, visibility: ONLY_ME) { daysSober } }`;
const REQUEST = `mutation($input: RequestMentorInput!) { requestMentor(input: $input) { id } }`;
const RESPOND = `mutation($id: ID!) { respondToMentorRequest(id: $id, accept: true) { conversationId } }`;

interface Person {
  id: string;
  token: string;
  email: string;
  name: string;
}

/** The header's Messages link, by its whole accessible name ("Messages", "Messages, 1 unread"). */
function messagesLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** The document is no wider than the phone's viewport: nothing scrolls sideways. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(390);
}

/** A local date (YYYY-MM-DD) `months` before today. */
function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/**
 * Mentoring in the browser: a newcomer asks a mentor by what they would like help with, the
 * mentor accepts, they write to each other (the newcomer's badge changes live), and the newcomer
 * ends the pairing, after which the conversation says it is closed. Staff approve an offer and
 * see the pairings, never their conversations. People and offers are set up through the public
 * API; a recovery start date a year or more ago is written with SQL (the API refuses no date, but
 * this keeps the setup to one line per person).
 */
describe('mentoring in the browser', () => {
  let stack: Stack;
  let admin: { token: string };
  let topic: Record<string, string>;
  let count = 0;

  /** A new member (or moderator), registered through an invite. */
  async function person(name: string, role = 'MEMBER'): Promise<Person> {
    const email = `m${++count}-${name.toLowerCase().replace(/[^a-z]+/g, '')}@example.org`;
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
      CREATE_INVITE,
      { role },
      admin.token,
    );
    const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
      input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName: name },
    });
    return { id: register.user.id, token: register.token, email, name };
  }

  /** An approved mentor: their recovery start date two years ago, and an offer made through the API. */
  async function mentor(name: string, about: string, topics: string[], capacity = 2): Promise<Person> {
    const m = await person(name);
    await stack.sql(`UPDATE users SET recovery_start = '2023-05-17' WHERE id = $1`, [m.id]);
    const { saveMentorProfile } = await stack.gql<{ saveMentorProfile: { status: string } }>(
      SAVE_PROFILE,
      { input: { about, topicIds: topics.map((t) => topic[t]), capacity, available: true } },
      m.token,
    );
    expect(saveMentorProfile.status).toBe('APPROVED');
    return m;
  }

  /** A newcomer: a recovery start date two months ago, set through the API. */
  async function newcomer(name: string): Promise<Person> {
    const n = await person(name);
    await stack.gql(SET_RECOVERY, { date: monthsAgo(2) }, n.token);
    return n;
  }

  /** `mentee` asks `m` through the API and `m` accepts: an active pairing with its conversation. */
  async function paired(m: Person, mentee: Person): Promise<{ id: string; conversationId: string }> {
    const { requestMentor } = await stack.gql<{ requestMentor: { id: string } }>(
      REQUEST,
      {
        input: {
          mentorId: m.id,
          topicIds: [topic['Returning to work']],
          note: 'Hello, I would value some help.',
        },
      },
      mentee.token,
    );
    const { respondToMentorRequest } = await stack.gql<{
      respondToMentorRequest: { conversationId: string };
    }>(RESPOND, { id: requestMentor.id }, m.token);
    return { id: requestMentor.id, conversationId: respondToMentorRequest.conversationId };
  }

  beforeAll(async () => {
    // Several people sign in from one address; premoderation of first posts has its own tests.
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    ({ register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    }));
    const { mentorTopics } = await stack.gql<{ mentorTopics: { id: string; label: string }[] }>(
      TOPICS,
      {},
      admin.token,
    );
    topic = Object.fromEntries(mentorTopics.map((t) => [t.label, t.id]));
    mkdirSync('/tmp/shots', { recursive: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a newcomer asks for a mentor, the mentor accepts, they write (the badge changes live), and the newcomer ends it', async () => {
    const river = await mentor(
      'River',
      'Two years in. I went back to work after IOP and can talk through the first weeks.',
      ['Returning to work', 'First months after treatment'],
    );
    const priya = await newcomer('Priya');

    // River without JavaScript: accepting and writing work as plain forms. Priya with it, for the live badge.
    const priyaBrowser = await openBrowser();
    const riverBrowser = await openBrowser({ javaScriptEnabled: false });
    try {
      const p = await priyaBrowser.context.newPage();
      await signIn(p, stack, priya.email);
      // From My recovery to Mentoring.
      await p.goto(`${stack.webUrl}/milestones`);
      await p.getByRole('link', { name: 'Mentoring', exact: true }).click();
      await p.waitForURL((url) => url.pathname === '/mentoring');
      await p.getByRole('heading', { level: 1, name: 'Mentoring' }).waitFor();

      // What she would like help with, then the mentors with room: a name, "about me" and topics, never a date.
      await p.getByRole('checkbox', { name: 'Returning to work' }).check();
      await p.getByRole('button', { name: 'Show mentors' }).click();
      const suggestions = p.getByRole('region', { name: 'Mentors with room for you' });
      await suggestions.waitFor();
      const card = suggestions.getByRole('article', { name: 'River' });
      await card.getByText('Two years in. I went back to work after IOP').waitFor();
      await card.getByText('Has room for 2 more mentees').waitFor();
      expect(await card.getByText('In common with what you chose').count()).toBe(1);
      const seen = (await p.locator('main').textContent()) ?? '';
      for (const date of ['2023', 'May 17', '05-17']) expect(seen).not.toContain(date);
      await p.screenshot({ path: '/tmp/shots/mentoring-suggestions.png', fullPage: true });

      await card.getByText('Ask River').click();
      await card
        .getByLabel('A note to River (optional)')
        .fill('I start a new job next month and feel nervous.');
      await card.getByRole('button', { name: 'Send your request to River' }).click();
      await p.getByText('Your request is on its way.').waitFor();
      await p.getByRole('heading', { name: 'Waiting for River to answer' }).waitFor();

      // River accepts on Mentoring, with Priya's note in front of him.
      const r = await riverBrowser.context.newPage();
      await signIn(r, stack, river.email);
      await r.goto(`${stack.webUrl}/mentoring`);
      const request = r.getByRole('article', { name: 'Priya asked you to be their mentor' });
      await request.getByText('I start a new job next month and feel nervous.').waitFor();
      await request.getByText('Returning to work').waitFor();
      await r.screenshot({ path: '/tmp/shots/mentoring-request.png', fullPage: true });
      await request.getByRole('button', { name: "Accept Priya's request" }).click();
      await r.getByText('Accepted. Your conversation is open').waitFor();

      // Priya sits on a page with the live stream open before River writes.
      const streamOpen = p.waitForResponse(
        (res) => res.url().endsWith('/notifications/stream') && res.status() === 200,
      );
      await p.goto(`${stack.webUrl}/mentoring`);
      await streamOpen;
      await p.getByRole('heading', { name: 'River is your mentor' }).waitFor();
      await messagesLink(p, 'Messages').waitFor();
      let navigations = 0;
      p.on('framenavigated', (frame) => {
        if (frame === p.mainFrame()) navigations++;
      });

      await r.getByRole('link', { name: 'Open your conversation with Priya' }).click();
      await r.waitForURL((url) => /^\/messages\/[0-9a-f-]{36}$/.test(url.pathname));
      const conversationPath = new URL(r.url()).pathname;
      await r.getByText('Mentoring', { exact: true }).first().waitFor();
      await r.getByRole('textbox', { name: 'Your message' }).fill('Welcome, Priya. What is the new job?');
      await r.getByRole('button', { name: 'Send', exact: true }).click();
      await r.locator('.message-list').getByText('Welcome, Priya. What is the new job?').waitFor();

      // Priya's badge changes without a reload; she opens the conversation from Mentoring and answers.
      await messagesLink(p, 'Messages, 1 unread').waitFor({ timeout: 20_000 });
      expect(navigations).toBe(0);
      await p.getByRole('link', { name: 'Open your conversation' }).click();
      await p.waitForURL((url) => url.pathname === conversationPath);
      await p.getByText('Welcome, Priya. What is the new job?').waitFor();
      await messagesLink(p, 'Messages').waitFor();
      await p
        .getByRole('textbox', { name: 'Your message' })
        .fill('A warehouse job. The early starts worry me.');
      await p.getByRole('button', { name: 'Send', exact: true }).click();
      await p.locator('.message-list').getByText('A warehouse job. The early starts worry me.').waitFor();
      await r.reload();
      await r.locator('.message-list').getByText('A warehouse job. The early starts worry me.').waitFor();

      // Priya ends the pairing from Mentoring: it asks once, with a note only staff read.
      await p.goto(`${stack.webUrl}/mentoring`);
      const yours = p.getByRole('region', { name: 'Your mentor' });
      await yours.getByText('End the pairing', { exact: true }).click();
      await yours.getByText('River is told only that it has ended, not why.').waitFor();
      await yours.getByLabel('A note to staff (optional)').fill('Our shifts never lined up.');
      await p.screenshot({ path: '/tmp/shots/mentoring-end.png', fullPage: true });
      await yours.getByRole('button', { name: 'Yes, end the pairing with River' }).click();
      await p.getByText('The pairing has ended.').waitFor();
      // She may ask someone new.
      await p.getByRole('button', { name: 'Show mentors' }).waitFor();

      // The conversation stays readable, and says it is closed.
      await p.goto(`${stack.webUrl}${conversationPath}`);
      await p
        .getByText('This mentoring pairing has ended, so the conversation is closed. You can still read it.')
        .waitFor();
      await p.getByText('Welcome, Priya. What is the new job?').waitFor();
      expect(await p.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);

      // River hears only that it ended: not why, and not the note.
      await r.goto(`${stack.webUrl}/notifications`);
      await r.locator('main').getByText('Your mentoring pairing has ended.').waitFor();
      expect((await r.locator('main').textContent()) ?? '').not.toContain('shifts');
      await r.goto(`${stack.webUrl}/mentoring`);
      expect(await r.getByRole('article', { name: 'Priya' }).count()).toBe(0);
    } finally {
      await priyaBrowser.close();
      await riverBrowser.close();
    }
  });

  it('a moderator approves a waiting offer, and sees the pairings with their check-in answers but no conversation link', async () => {
    const morgan = await person('Morgan', 'MODERATOR');
    // Sam is nine months in: his offer waits for staff. He makes it without JavaScript.
    const sam = await person('Sam');
    await stack.gql(SET_RECOVERY, { date: monthsAgo(9) }, sam.token);
    const kai = await mentor('Kai', 'Three years in, parent of two.', ['Parenting in recovery']);
    const dee = await newcomer('Dee');
    const pairing = await paired(kai, dee);
    // Thirty days on, the check-in has been asked (as the worker's job would).
    await stack.sql(`UPDATE mentor_pairings SET check_in_sent_at = now() WHERE id = $1`, [pairing.id]);

    const samBrowser = await openBrowser({ javaScriptEnabled: false });
    const deeBrowser = await openBrowser({ javaScriptEnabled: false });
    const morganBrowser = await openBrowser();
    try {
      const s = await samBrowser.context.newPage();
      await signIn(s, stack, sam.email);
      await s.goto(`${stack.webUrl}/mentoring`);
      await s.getByText('Asking for a mentor is for members in their first 6 months').waitFor();
      await s.getByText('Your offer will wait for a staff member to approve it').waitFor();
      // A missing field is asked for at its place, without JavaScript too.
      await s.getByRole('button', { name: 'Offer to mentor' }).click();
      await s.getByText('Something needs another look').waitFor();
      expect(await s.getByLabel('About me').getAttribute('aria-invalid')).toBe('true');
      await s.getByLabel('About me').fill('Nine months in. Happy to talk about going back to work.');
      await s.getByRole('checkbox', { name: 'Returning to work' }).check();
      await s.getByRole('radio', { name: '1' }).check();
      await s.getByRole('button', { name: 'Offer to mentor' }).click();
      await s.getByText('Thank you for offering to mentor.').waitFor();
      await s.getByText('Waiting for staff approval').waitFor();

      // Dee answers the check-in in one tap, without JavaScript.
      const d = await deeBrowser.context.newPage();
      await signIn(d, stack, dee.email);
      await d.goto(`${stack.webUrl}/mentoring`);
      const checkIn = d.getByRole('region', { name: 'A quick check-in' });
      await checkIn.getByText('Only staff see your answer; Kai never does.').waitFor();
      await checkIn.getByRole('button', { name: 'Going well' }).click();
      await d.getByText('Thank you. Only staff see your answer.').waitFor();
      expect(await d.getByRole('region', { name: 'A quick check-in' }).count()).toBe(0);

      // Morgan approves Sam from the Mentoring tab.
      const m = await morganBrowser.context.newPage();
      await signIn(m, stack, morgan.email);
      await m.goto(`${stack.webUrl}/moderation`);
      await m
        .getByRole('navigation', { name: 'Moderation' })
        .getByRole('link', { name: 'Mentoring' })
        .click();
      await m.waitForURL((url) => url.pathname === '/moderation/mentoring');
      const waiting = m.getByRole('region', { name: 'Waiting for approval' });
      await waiting.getByText('Nine months in. Happy to talk about going back to work.').waitFor();
      await waiting.getByRole('button', { name: 'Approve Sam' }).click();
      await m.getByText('Approved. They are told').waitFor();
      await m.getByRole('region', { name: 'Waiting for approval' }).getByText('No offers waiting.').waitFor();
      await m
        .getByRole('region', { name: 'Mentors' })
        .getByRole('link', { name: 'Sam', exact: true })
        .waitFor();

      // The pairings: names, dates and the check-in answer; never a way into the conversation.
      const pairings = m.getByRole('region', { name: 'Pairings' });
      const row = pairings.getByRole('article', { name: /^Kai mentoring Dee/ });
      await row.getByText('Dee: Going well', { exact: false }).waitFor();
      await row.getByText('Active', { exact: true }).waitFor();
      expect(await m.locator('main a[href^="/messages/"]').count()).toBe(0);
      expect((await m.locator('main').innerHTML()).includes(pairing.conversationId)).toBe(false);
      await m
        .getByRole('navigation', { name: 'Pairings by state' })
        .getByRole('link', { name: 'Ended' })
        .click();
      await m.waitForURL((url) => url.searchParams.get('status') === 'ENDED');
      expect(await m.getByRole('article', { name: /^Kai mentoring Dee/ }).count()).toBe(0);
      await m.screenshot({ path: '/tmp/shots/staff-mentoring.png', fullPage: true });

      await s.goto(`${stack.webUrl}/mentoring`);
      await s.getByText('Approved', { exact: true }).waitFor();
    } finally {
      await samBrowser.close();
      await deeBrowser.close();
      await morganBrowser.close();
    }
  });

  it('an admin adds, renames and archives a topic on the staff page; newcomers choose only the topics offered', async () => {
    const eli = await newcomer('Eli');
    // Both without JavaScript: the topic forms are plain forms.
    const adminBrowser = await openBrowser({ javaScriptEnabled: false });
    const eliBrowser = await openBrowser({ javaScriptEnabled: false });
    try {
      const a = await adminBrowser.context.newPage();
      await signIn(a, stack, 'alex@program.example');
      await a.goto(`${stack.webUrl}/moderation/mentoring`);
      const topics = a.getByRole('region', { name: 'Topics' });
      await topics.getByLabel('Topic', { exact: true }).fill('Going back to school');
      await topics.getByRole('button', { name: 'Add topic' }).click();
      await a.getByText('Topic added.').waitFor();
      // The same name again, whatever its case, is refused at its field.
      await topics.getByLabel('Topic', { exact: true }).fill('going back to school');
      await topics.getByRole('button', { name: 'Add topic' }).click();
      await topics.getByText('is already a topic', { exact: false }).first().waitFor();
      expect(await topics.getByLabel('Topic', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await topics.getByLabel('Going back to school', { exact: true }).fill('Returning to study');
      await topics.getByRole('button', { name: 'Rename Going back to school' }).click();
      await a.getByText('Topic renamed').waitFor();

      const e = await eliBrowser.context.newPage();
      await signIn(e, stack, eli.email);
      await e.goto(`${stack.webUrl}/mentoring`);
      await e.getByRole('checkbox', { name: 'Returning to study' }).waitFor();

      await topics.getByRole('button', { name: 'Archive Returning to study' }).click();
      await a.getByText('Topic archived.').waitFor();
      await topics.getByRole('button', { name: 'Offer again: Returning to study' }).waitFor();
      await e.reload();
      await e.getByRole('checkbox', { name: 'Returning to work' }).waitFor();
      expect(await e.getByRole('checkbox', { name: 'Returning to study' }).count()).toBe(0);
    } finally {
      await adminBrowser.close();
      await eliBrowser.close();
    }
  });

  it('fits a 390px phone: no sideways scrolling on Mentoring for a newcomer, a mentor, and staff', async () => {
    const long = 'Avery Montgomery-Fairweatherington';
    const avery = await mentor(
      long,
      `Four years in. ${'I can talk about returning to work, and about https://example.org/a-very-long-link-'.repeat(3)}`,
      ['Returning to work', 'Co-occurring anxiety or depression', 'LGBTQ+ in recovery'],
      3,
    );
    const quinn = await newcomer('Quinn');
    const jo = await newcomer('Jo');
    await paired(avery, jo);
    await stack.gql(
      REQUEST,
      { input: { mentorId: avery.id, topicIds: [], note: `${'y'.repeat(200)} please` } },
      (await newcomer('Lee')).token,
    );
    const staff = await person('Robin', 'MODERATOR');

    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const visit = async (who: Person, paths: string[]) => {
        await page.context().clearCookies();
        await signIn(page, stack, who.email);
        for (const path of paths) {
          await page.goto(`${stack.webUrl}${path}`);
          await page.locator('h1').first().waitFor();
          await noSidewaysScroll(page);
          await page.screenshot({
            path: `/tmp/shots/390-mentoring-${who.name.slice(0, 5)}-${paths.indexOf(path)}.png`,
            fullPage: true,
          });
        }
      };
      await visit(quinn, ['/mentoring', `/mentoring?find=1&topic=${topic['Returning to work']}`]);
      // The Ask form opened still fits, and its buttons are a thumb's size.
      await page.getByText(`Ask ${long}`).click();
      await noSidewaysScroll(page);
      const send = await page.getByRole('button', { name: `Send your request to ${long}` }).boundingBox();
      expect(send!.height).toBeGreaterThanOrEqual(44);
      await visit(avery, ['/mentoring']);
      const accept = await page.getByRole('button', { name: "Accept Lee's request" }).boundingBox();
      expect(accept!.height).toBeGreaterThanOrEqual(44);
      await visit(staff, ['/moderation/mentoring']);
    } finally {
      await browser.close();
    }
  });
});
