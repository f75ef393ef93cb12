import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/chrome.js';
import { Stack } from './support/stack.js';
import { PASSWORD, REGISTER, signIn } from './support/journey.js';

const CREATE_INVITE = `mutation($role: Role!) { createInvite(input: { role: $role }) { code } }`;
const CREATE_CATEGORY = `mutation($name: String!) { createCategory(input: { name: $name }) { id } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { safetyResources { name } } }`;
const ASK_SUPPORT = `mutation($name: String!) { askSupportPerson(displayName: $name) { id } }`;
const ANSWER_SUPPORT = `mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id status } }`;
const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { conversation { id } } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } } }`;
const QUEUE = `query { moderationQueue(first: 50) { edges { node { id kind targetType targetUserId } } } }`;

interface Person {
  id: string;
  token: string;
  email: string;
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

/**
 * Private messages in the browser. Members made by the harness joined "now" (new members cannot
 * start message requests), so each pair is related through support people, through the public API.
 */
describe('private messages in the browser', () => {
  let stack: Stack;
  const people: Record<string, Person> = {};
  let categoryId: string;

  beforeAll(async () => {
    // Several people sign in from one address; posting pace and premoderation have their own tests.
    stack = await Stack.start({ PREMOD_FIRST_POSTS: '0', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const adminEmail = 'alex@program.example';
    const adminCode = await stack.createAdminInvite(adminEmail);
    const { register: admin } = await stack.gql<{ register: { token: string } }>(REGISTER, {
      input: { inviteCode: adminCode, email: adminEmail, password: PASSWORD, displayName: 'Alex Staff' },
    });
    const person = async (key: string, displayName: string, role = 'MEMBER') => {
      const email = `${key}@example.org`;
      const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
        CREATE_INVITE,
        { role },
        admin.token,
      );
      const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
        input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName },
      });
      people[key] = { id: register.user.id, token: register.token, email };
    };
    for (const [key, name] of [
      ['ash', 'Ash'],
      ['bea', 'Bea'],
      ['cal', 'Cal'],
      ['bo', 'Bo'],
      ['dana', 'Dana'],
      ['eve', 'Eve'],
      ['finn', 'Finn'],
    ]) {
      await person(key, name);
    }
    await person('morgan', 'Morgan', 'MODERATOR');
    // Eve has been a member for a month: past the first 7 days, she may send message requests.
    await stack.sql(`UPDATE users SET joined_at = now() - interval '30 days' WHERE id = $1`, [people.eve.id]);
    // Ash and Bea, and Cal and Bo: each one the other's support person, so they may write directly.
    for (const [asker, asked, name] of [
      ['ash', 'bea', 'Bea'],
      ['cal', 'bo', 'Bo'],
    ] as const) {
      const { askSupportPerson } = await stack.gql<{ askSupportPerson: { id: string } }>(
        ASK_SUPPORT,
        { name },
        people[asker].token,
      );
      await stack.gql(ANSWER_SUPPORT, { id: askSupportPerson.id }, people[asked].token);
    }
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      CREATE_CATEGORY,
      { name: 'Daily check-in' },
      admin.token,
    );
    categoryId = createCategory.id;
    mkdirSync('/tmp/shots', { recursive: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('Ash writes to Bea, whose badge changes live and clears when she reads; she replies; Ash reports one message, a moderator sees it with its context only and removes it', async () => {
    // Ash without JavaScript: every form here works as a plain form. Bea with it, for the live badge.
    const ashBrowser = await openBrowser({ javaScriptEnabled: false });
    const beaBrowser = await openBrowser();
    const morganBrowser = await openBrowser();
    try {
      const bea = await beaBrowser.context.newPage();
      await signIn(bea, stack, people.bea.email);
      const streamOpen = bea.waitForResponse(
        (r) => r.url().endsWith('/notifications/stream') && r.status() === 200,
      );
      await bea.goto(`${stack.webUrl}/`);
      await streamOpen;
      await messagesLink(bea, 'Messages').waitFor();
      let navigations = 0;
      bea.on('framenavigated', (frame) => {
        if (frame === bea.mainFrame()) navigations++;
      });

      // Ash starts from Bea's profile: "Message Bea" fills in the To field.
      const ash = await ashBrowser.context.newPage();
      await signIn(ash, stack, people.ash.email);
      await ash.goto(`${stack.webUrl}/u/${people.bea.id}`);
      await ash.getByRole('link', { name: 'Message Bea' }).click();
      await ash.getByRole('heading', { level: 1, name: 'New message' }).waitFor();
      expect(await ash.getByLabel('To').inputValue()).toBe('Bea');
      // A message left empty is asked for at its field, without JavaScript too.
      await ash.getByRole('button', { name: 'Send', exact: true }).click();
      await ash.getByText('Something needs another look').waitFor();
      expect(await ash.getByLabel('Message', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await ash.getByLabel('Message', { exact: true }).fill('Hi Bea, are you coming to the walk on Sunday?');
      await ash.getByRole('button', { name: 'Send', exact: true }).click();
      await ash.waitForURL((url) => /^\/messages\/[0-9a-f-]{36}$/.test(url.pathname));
      const conversationId = new URL(ash.url()).pathname.split('/').at(-1)!;
      await ash.getByRole('heading', { level: 1, name: 'Bea' }).waitFor();
      await ash.getByText('Hi Bea, are you coming to the walk on Sunday?').waitFor();

      // Bea's badge changes without a reload.
      await messagesLink(bea, 'Messages, 1 unread').waitFor({ timeout: 20_000 });
      expect(navigations).toBe(0);
      await messagesLink(bea, 'Messages, 1 unread').click();
      await bea.waitForURL((url) => url.pathname === '/messages');
      const item = bea.getByRole('link', { name: 'Ash, 1 unread' });
      await item.waitFor();
      await bea.getByText('Hi Bea, are you coming to the walk on Sunday?').waitFor();
      await bea.screenshot({ path: '/tmp/shots/messages-list.png', fullPage: true });
      await item.click();
      await bea.waitForURL((url) => url.pathname === `/messages/${conversationId}`);
      // Reading it clears the badge.
      await messagesLink(bea, 'Messages').waitFor();
      await bea.getByRole('textbox', { name: 'Your message' }).fill('Yes! I will bring the thermos.');
      await bea.getByRole('button', { name: 'Send', exact: true }).click();
      await bea.locator('.message-list').getByText('Yes! I will bring the thermos.').waitFor();
      expect(await bea.getByRole('textbox', { name: 'Your message' }).inputValue()).toBe('');

      // More of the conversation, through the api: what the report's context will and won't hold.
      const say = (who: Person, body: string) =>
        stack.gql(SEND, { input: { conversationId, body } }, who.token);
      await say(people.ash, 'Context one from Ash.');
      await say(people.bea, 'Context two from Bea.');
      await say(people.ash, 'Context three from Ash.');
      await say(people.bea, 'Context four from Bea.');
      await say(people.ash, 'Context five from Ash.');
      await say(people.bea, 'Send me money or I tell everyone.');
      await say(people.ash, 'A later message from Ash.');

      // Ash reports Bea's message from the conversation, still without JavaScript.
      await ash.goto(`${stack.webUrl}/messages/${conversationId}`);
      await ash.getByRole('link', { name: /^Report Bea's message “Send me money/ }).click();
      const panel = ash.getByRole('region', { name: 'Report messages' });
      await panel.waitFor();
      await panel.getByText('the 5 messages before each one', { exact: false }).waitFor();
      expect(await panel.getByRole('checkbox', { name: /Send me money/ }).isChecked()).toBe(true);
      expect(await panel.getByRole('checkbox', { name: /Context four/ }).isChecked()).toBe(false);
      // Ash's own messages are not offered.
      expect(await panel.getByRole('checkbox', { name: /Context five/ }).count()).toBe(0);
      await panel.getByRole('button', { name: 'Send report' }).click();
      await ash
        .getByRole('region', { name: 'Report messages' })
        .getByText('Please choose what you would like the moderators to know.')
        .first()
        .waitFor();
      await ash.getByRole('radio', { name: 'Harassment or bullying' }).check();
      await ash.getByRole('button', { name: 'Send report' }).click();
      await ash.getByText('Thank you. The moderators will see the messages you chose').waitFor();

      // Morgan, a moderator, sees the reported message and the five before it, and nothing else.
      const { moderationQueue } = await stack.gql<{
        moderationQueue: { edges: { node: { id: string; targetType: string } }[] };
      }>(QUEUE, {}, people.morgan.token);
      const reportCase = moderationQueue.edges.find((e) => e.node.targetType === 'CONVERSATION')!.node;
      const morgan = await morganBrowser.context.newPage();
      await signIn(morgan, stack, people.morgan.email);
      await morgan.goto(`${stack.webUrl}/moderation/cases/${reportCase.id}`);
      const shared = morgan.getByRole('region', { name: 'What the report shared' });
      await shared.waitFor();
      const items = shared.getByRole('listitem');
      expect(await items.count()).toBe(6);
      expect((await items.allTextContents()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
        expect.stringContaining('Context one from Ash.'),
        expect.stringContaining('Context two from Bea.'),
        expect.stringContaining('Context three from Ash.'),
        expect.stringContaining('Context four from Bea.'),
        expect.stringContaining('Context five from Ash.'),
        expect.stringContaining('Send me money or I tell everyone.'),
      ]);
      expect(await items.last().getByText('Reported', { exact: true }).count()).toBe(1);
      expect(await shared.getByText('Reported', { exact: true }).count()).toBe(1);
      const page = (await morgan.locator('main').textContent()) ?? '';
      for (const unseen of [
        'Hi Bea, are you coming',
        'I will bring the thermos',
        'A later message from Ash',
      ]) {
        expect(page).not.toContain(unseen);
      }
      await morgan.screenshot({ path: '/tmp/shots/report-case.png', fullPage: true });
      // She removes the reported message, and only it: Ash reads "message removed" in its place,
      // with the context around it as it was.
      await morgan.getByLabel('Reason for the author').fill('Threats are not allowed here.');
      await morgan.getByRole('button', { name: 'Remove the reported message' }).click();
      await morgan
        .getByRole('button', { name: 'Remove the reported message' })
        .waitFor({ state: 'detached' });
      await ash.goto(`${stack.webUrl}/messages/${conversationId}`);
      const thread = (await ash.locator('main').textContent()) ?? '';
      expect(thread).not.toContain('Send me money or I tell everyone.');
      expect(thread).toContain('Context five from Ash.');
      expect(await ash.locator('main').getByText('Message removed', { exact: true }).count()).toBe(1);
      // And the conversation itself stays closed to her.
      const closed = await morgan.goto(`${stack.webUrl}/messages/${conversationId}`);
      expect(closed?.status()).toBe(404);
    } finally {
      await ashBrowser.close();
      await beaBrowser.close();
      await morganBrowser.close();
    }
  });

  it('a moderator opens a conversation from a crisis case in one step, and the member reads it', async () => {
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      CREATE_THREAD,
      { input: { categoryId, title: 'Evening walks', body: 'Where do you like to walk after dinner?' } },
      people.cal.token,
    );
    const { reply } = await stack.gql<{ reply: { safetyResources: unknown[] } }>(
      REPLY,
      { input: { threadId: createThread.post.thread.id, body: 'Honestly I want to end it all tonight.' } },
      people.dana.token,
    );
    expect(reply.safetyResources.length).toBeGreaterThan(0);
    const { moderationQueue } = await stack.gql<{
      moderationQueue: { edges: { node: { id: string; kind: string; targetUserId: string | null } }[] };
    }>(QUEUE, {}, people.morgan.token);
    const crisis = moderationQueue.edges.find(
      (e) => e.node.kind === 'CRISIS' && e.node.targetUserId === people.dana.id,
    )!.node;

    const morganBrowser = await openBrowser();
    const danaBrowser = await openBrowser();
    try {
      const morgan = await morganBrowser.context.newPage();
      await signIn(morgan, stack, people.morgan.email);
      await morgan.goto(`${stack.webUrl}/moderation/cases/${crisis.id}`);
      await morgan.getByRole('button', { name: 'Message this member: Dana' }).click();
      await morgan.waitForURL((url) => /^\/messages\/[0-9a-f-]{36}$/.test(url.pathname));
      await morgan.getByRole('heading', { level: 1, name: 'Dana' }).waitFor();
      await morgan.getByText('Check-in from a moderator').waitFor();
      await morgan
        .getByRole('textbox', { name: 'Your message' })
        .fill("Hi Dana, I read your post. I'm here if you would like to talk.");
      await morgan.getByRole('button', { name: 'Send', exact: true }).click();
      await morgan.locator('.message-list').getByText("I'm here if you would like to talk.").waitFor();

      const dana = await danaBrowser.context.newPage();
      await signIn(dana, stack, people.dana.email);
      await messagesLink(dana, 'Messages, 1 unread').click();
      await dana.getByRole('link', { name: 'Morgan, 1 unread' }).click();
      await dana.getByText("Hi Dana, I read your post. I'm here if you would like to talk.").waitFor();
      await messagesLink(dana, 'Messages').waitFor();

      // Dana answers; what she writes reads as a crisis, so she is offered help at once, and it is sent.
      await dana
        .getByRole('textbox', { name: 'Your message' })
        .fill('Thank you. I still want to end it all.');
      await dana.getByRole('button', { name: 'Send', exact: true }).click();
      const support = dana.getByRole('region', { name: "You're not alone" });
      await support.waitFor();
      await support.getByText('Your message is sent.', { exact: false }).waitFor();
      await support.getByRole('heading', { name: '988 Suicide and Crisis Lifeline' }).waitFor();
      await dana.locator('.message-list').getByText('Thank you. I still want to end it all.').waitFor();
    } finally {
      await morganBrowser.close();
      await danaBrowser.close();
    }
  });

  it('fits a 390px phone: no sideways scrolling on the list, a conversation, the report form and requests', async () => {
    const long = `Here is the link: https://example.org/${'a-very-long-path-segment-'.repeat(12)} and ${'x'.repeat(120)}`;
    const { startConversation } = await stack.gql<{ startConversation: { conversation: { id: string } } }>(
      START,
      { input: { recipientNames: ['Bo'], body: long } },
      people.cal.token,
    );
    const id = startConversation.conversation.id;
    await stack.gql(
      SEND,
      { input: { conversationId: id, body: `A quoted reply:\n\n> ${'y'.repeat(150)}` } },
      people.bo.token,
    );

    // Markup in a message stays words: sanitized by the api, shown as text in the list's preview.
    await stack.gql(
      SEND,
      {
        input: {
          conversationId: id,
          body: 'Look <img src=x onerror=alert(1)> <script>alert(2)</script> done',
        },
      },
      people.cal.token,
    );

    const browser = await openBrowser();
    try {
      const bo = await browser.context.newPage();
      const dialogs: string[] = [];
      bo.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signIn(bo, stack, people.bo.email);
      for (const path of [
        '/messages',
        `/messages/${id}`,
        `/messages/${id}?report=`,
        '/messages/requests',
        '/messages/new',
      ]) {
        await bo.goto(`${stack.webUrl}${path}`);
        await bo.locator('h1').first().waitFor();
        await noSidewaysScroll(bo);
        const shot = path.replace(id, 'conversation').replace(/[^a-z]+/g, '-');
        await bo.screenshot({ path: `/tmp/shots/390${shot}.png`, fullPage: true });
      }
      await bo.goto(`${stack.webUrl}/messages/${id}`);
      const send = await bo.getByRole('button', { name: 'Send', exact: true }).boundingBox();
      expect(send!.height).toBeGreaterThanOrEqual(44);
      await bo.screenshot({ path: '/tmp/shots/conversation-390.png', fullPage: true });
      await bo.goto(`${stack.webUrl}/messages`);
      await bo.screenshot({ path: '/tmp/shots/messages-390.png', fullPage: true });
      expect(await bo.locator('main img, main script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a member sends a message request from a profile; the other reads it among their requests and declines, and the sender sees only "not accepted"', async () => {
    const eveBrowser = await openBrowser({ javaScriptEnabled: false });
    const finnBrowser = await openBrowser();
    try {
      const eve = await eveBrowser.context.newPage();
      await signIn(eve, stack, people.eve.email);
      await eve.goto(`${stack.webUrl}/u/${people.finn.id}`);
      await eve.getByRole('link', { name: 'Send a message request' }).click();
      await eve
        .getByText("You haven't talked with Finn before, so they get your first message as a request.")
        .waitFor();
      await eve
        .getByLabel('Message', { exact: true })
        .fill('Hi Finn, I liked your post about cooking for one.');
      await eve.getByRole('button', { name: 'Send', exact: true }).click();
      await eve.waitForURL((url) => /^\/messages\/[0-9a-f-]{36}$/.test(url.pathname));
      await eve.getByText('Waiting for Finn to accept your message request.').waitFor();
      await eve.getByText('Your request has been sent. You can write again once it is accepted.').waitFor();
      const conversationPath = new URL(eve.url()).pathname;

      const finn = await finnBrowser.context.newPage();
      await signIn(finn, stack, people.finn.email);
      await messagesLink(finn, 'Messages, 1 unread').click();
      await finn.getByRole('link', { name: 'Message requests: 1 waiting' }).click();
      await finn.getByRole('heading', { level: 2, name: 'Eve' }).waitFor();
      await finn.getByText('Hi Finn, I liked your post about cooking for one.').waitFor();
      await noSidewaysScroll(finn);
      await finn.screenshot({ path: '/tmp/shots/390-requests-waiting.png', fullPage: true });
      // Declining asks once, and says what Eve will see.
      await finn.locator('summary', { hasText: 'Decline' }).click();
      await finn.getByText('Eve will see only “not accepted”, nothing more.').waitFor();
      await finn.getByRole('button', { name: "Yes, decline Eve's request" }).click();
      await finn.getByText('Declined. They will see only “not accepted”.').waitFor();
      await finn.getByText('No message requests waiting.').waitFor();
      await messagesLink(finn, 'Messages').waitFor();

      await eve.goto(`${stack.webUrl}${conversationPath}`);
      await eve.getByText('Finn did not accept the message request.').waitFor();
      expect(await eve.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);
    } finally {
      await eveBrowser.close();
      await finnBrowser.close();
    }
  });
});
