import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const START = `mutation($input: StartConversationInput!) {
  startConversation(input: $input) {
    message { id bodyHtml heldForReview mine }
    conversation { id isRequest participants { state user { id } } }
    safetyResources { name }
  }
}`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id bodyHtml heldForReview } safetyResources { name } } }`;
const CONVERSATION = `query($id: ID!) {
  conversation(id: $id) {
    id isRequest muted unreadCount startedByMe
    participants { state user { id displayName } }
    sendState { canSend reason }
    messages(first: 50) { edges { node { id bodyHtml removed heldForReview mine author { id displayName } } } }
  }
}`;
const LIST = `{ conversations(first: 20) { edges { node { id unreadCount lastMessage { id bodyHtml } participants { user { id } } } } } }`;
const REQUESTS = `{ messageRequests { id isRequest messages(first: 5) { edges { node { bodyHtml } } } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToMessageRequest(conversationId: $id, accept: $accept) { id isRequest } }`;
const UNREAD = `{ unreadConversationCount }`;
const READ = `mutation($id: ID!) { markConversationRead(id: $id) }`;
const REACH = `query($u: ID!) { messageReach(userId: $u) }`;
const SETTINGS = `mutation($allow: Boolean!) { setMessageRequests(allow: $allow) { allowRequests } }`;

type Started = {
  startConversation: {
    message: { id: string; bodyHtml: string; heldForReview: boolean };
    conversation: { id: string; isRequest: boolean; participants: { state: string; user: { id: string } }[] };
    safetyResources: { name: string }[];
  };
};
type ConversationView = {
  id: string;
  isRequest: boolean;
  unreadCount: number;
  participants: { state: string; user: { id: string; displayName: string } }[];
  sendState: { canSend: boolean; reason: string | null };
  messages: { edges: { node: { id: string; bodyHtml: string | null; removed: boolean; heldForReview: boolean; mine: boolean } }[] };
};

describe('private conversations', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator], categoryId } = await startCommunity({
      worker: true,
      moderators: 1,
      category: true,
      env: { MESSAGE_REQUESTS_PER_DAY: '3', MESSAGE_REQUESTS_RECEIVED_PER_DAY: '2' },
    }));
  });
  afterAll(() => t?.stop());

  /** A member past their first week (every new account is in it). */
  async function settled(): Promise<Member> {
    const m = await createMember(t, admin);
    await t.dataSource.query(`UPDATE users SET joined_at = now() - interval '30 days' WHERE id = $1`, [m.id]);
    return m;
  }
  const start = (from: Member, to: Member[], body = 'Hi, how are you doing this week?') =>
    t.gql<Started>(START, { input: { recipientIds: to.map((m) => m.id), body } }, from.token);
  const startOk = async (from: Member, to: Member[], body?: string) => {
    const res = await start(from, to, body);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.startConversation;
  };
  const view = async (who: Member, id: string) =>
    (await t.ok<{ conversation: ConversationView | null }>(CONVERSATION, { id }, who.token)).conversation;

  async function supportPair(member: Member, supporter: Member): Promise<void> {
    const { askSupportPerson } = await t.ok<{ askSupportPerson: { id: string } }>(
      `mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`,
      { n: supporter.displayName },
      member.token,
    );
    await t.ok(`mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id } }`, { id: askSupportPerson.id }, supporter.token);
  }

  async function mentorPair(mentor: Member, mentee: Member): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO mentor_pairings (mentor_id, mentee_id, status, started_at) VALUES ($1, $2, 'ACTIVE', now())`,
      [mentor.id, mentee.id],
    );
  }

  describe('who may start a conversation with whom (each rule, each role)', () => {
    it('signed out is refused', async () => {
      const someone = await createMember(t, admin);
      const res = await t.gql(START, { input: { recipientIds: [someone.id], body: 'hello' } });
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    });

    it('staff (moderator and admin) write to anyone directly, even a member with requests off', async () => {
      for (const staff of [moderator, admin]) {
        const member = await createMember(t, admin);
        await t.ok(SETTINGS, { allow: false }, member.token);
        expect((await t.ok<{ messageReach: string }>(REACH, { u: member.id }, staff.token)).messageReach).toBe('DIRECT');
        const started = await startOk(staff, [member]);
        expect(started.conversation.isRequest).toBe(false);
        expect(started.conversation.participants).toEqual([{ state: 'ACTIVE', user: { id: member.id } }]);
        const theirs = await view(member, started.conversation.id);
        expect(theirs).toMatchObject({ isRequest: false, unreadCount: 1 });
      }
    });

    it('a mentor and mentee write to each other directly (new members included, requests off included)', async () => {
      const [mentor, mentee] = [await createMember(t, admin), await createMember(t, admin)];
      await t.ok(SETTINGS, { allow: false }, mentor.token);
      expect(errorOf(await start(mentee, [mentor])).field).toBe('recipientIds');
      await mentorPair(mentor, mentee);
      expect((await startOk(mentee, [mentor])).conversation.participants[0].state).toBe('ACTIVE');
      expect((await startOk(mentor, [mentee])).conversation.participants[0].state).toBe('ACTIVE');
    });

    it('a member and their support person write to each other directly, both ways', async () => {
      const [member, supporter] = [await createMember(t, admin), await createMember(t, admin)];
      await supportPair(member, supporter);
      expect((await startOk(member, [supporter])).conversation.participants[0].state).toBe('ACTIVE');
      expect((await startOk(supporter, [member])).conversation.participants[0].state).toBe('ACTIVE');
      // A request not yet accepted is not a support link.
      const [asker, asked] = [await createMember(t, admin), await createMember(t, admin)];
      await t.ok(`mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`, { n: asked.displayName }, asker.token);
      expect(errorOf(await start(asker, [asked])).message).toMatch(/first 7 days/);
    });

    it('a stranger gets a request; accepting makes them contacts, declining reads only "not accepted"', async () => {
      const [sender, recipient, other] = [await settled(), await settled(), await settled()];
      expect((await t.ok<{ messageReach: string }>(REACH, { u: recipient.id }, sender.token)).messageReach).toBe('REQUEST');
      const started = await startOk(sender, [recipient], 'Hello, I liked your post about running.');
      expect(started.conversation.participants).toEqual([{ state: 'PENDING', user: { id: recipient.id } }]);
      // The sender waits for an answer before writing again.
      const mine = await view(sender, started.conversation.id);
      expect(mine?.sendState).toEqual({ canSend: false, reason: expect.stringMatching(/once it is accepted/) });
      expect(errorOf(await t.gql(SEND, { input: { conversationId: started.conversation.id, body: 'again' } }, sender.token)).code).toBe('FORBIDDEN');

      const { messageRequests } = await t.ok<{ messageRequests: { id: string; messages: { edges: { node: { bodyHtml: string } }[] } }[] }>(
        REQUESTS,
        {},
        recipient.token,
      );
      expect(messageRequests.map((r) => r.id)).toEqual([started.conversation.id]);
      expect(messageRequests[0].messages.edges[0].node.bodyHtml).toContain('running');
      expect((await t.ok<{ unreadConversationCount: number }>(UNREAD, {}, recipient.token)).unreadConversationCount).toBe(1);
      // The request is not in their conversations until they accept, and they cannot reply to it.
      expect((await t.ok<{ conversations: { edges: unknown[] } }>(LIST, {}, recipient.token)).conversations.edges).toEqual([]);
      expect((await view(recipient, started.conversation.id))?.sendState.canSend).toBe(false);

      await t.ok(RESPOND, { id: started.conversation.id, accept: true }, recipient.token);
      await t.ok(SEND, { input: { conversationId: started.conversation.id, body: 'Thank you! It helps.' } }, recipient.token);
      expect((await view(sender, started.conversation.id))?.sendState.canSend).toBe(true);
      // Accepted once: either may now start new conversations with the other directly.
      expect((await t.ok<{ messageReach: string }>(REACH, { u: sender.id }, recipient.token)).messageReach).toBe('DIRECT');
      expect((await startOk(recipient, [sender])).conversation.participants[0].state).toBe('ACTIVE');

      const declined = await startOk(sender, [other]);
      expect(await t.ok(RESPOND, { id: declined.conversation.id, accept: false }, other.token)).toEqual({ respondToMessageRequest: null });
      expect((await view(sender, declined.conversation.id))?.participants).toEqual([
        { state: 'NOT_ACCEPTED', user: { id: other.id, displayName: other.displayName } },
      ]);
      expect(await view(other, declined.conversation.id)).toBeNull();
      expect((await t.ok<{ messageReach: string }>(REACH, { u: other.id }, sender.token)).messageReach).toBe('REQUEST');
    });

    it('a member with requests off, and anyone in their first 7 days, cannot start a request (staff they can still write to)', async () => {
      const [sender, closed] = [await settled(), await settled()];
      await t.ok(SETTINGS, { allow: false }, closed.token);
      expect((await t.ok<{ messageReach: string }>(REACH, { u: closed.id }, sender.token)).messageReach).toBe('NONE');
      expect(errorOf(await start(sender, [closed]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipientIds', message: expect.stringMatching(/isn't taking message requests/) });
      const newcomer = await createMember(t, admin);
      expect(errorOf(await start(newcomer, [sender]))).toMatchObject({ field: 'recipientIds', message: expect.stringMatching(/first 7 days/) });
      // A new member may still write to staff, directly.
      expect((await startOk(newcomer, [moderator])).conversation.participants[0].state).toBe('ACTIVE');
      expect((await t.ok<{ messageReach: string }>(REACH, { u: admin.id }, newcomer.token)).messageReach).toBe('DIRECT');
    });

    it('a block refuses everyone, staff and support people included, and reads like an unknown member', async () => {
      const [a, b] = [await settled(), await settled()];
      await supportPair(a, b);
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: a.id }, b.token);
      const refused = errorOf(await start(a, [b]));
      expect(refused.message).toMatch(/couldn't start a conversation/);
      expect(errorOf(await start(b, [a])).message).toBe(refused.message?.replace(b.displayName, a.displayName));
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: moderator.id }, a.token);
      expect(errorOf(await start(moderator, [a])).message).toMatch(/couldn't start a conversation/);
      expect((await t.ok<{ messageReach: string }>(REACH, { u: a.id }, moderator.token)).messageReach).toBe('NONE');
    });

    it('never puts two people across a block in one conversation; a blocked sender\'s request is not shown or counted, and can still be reported', async () => {
      const [sender, b, c] = [await settled(), await settled(), await settled()];
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: c.id }, b.token);
      expect(errorOf(await start(moderator, [b, c]))).toMatchObject({ field: 'recipientIds', message: expect.stringMatching(/separately/) });
      expect((await startOk(moderator, [b])).conversation.participants[0].state).toBe('ACTIVE');

      const request = await startOk(sender, [b], 'You do not know me, but listen.');
      expect((await t.ok<{ messageRequests: unknown[] }>(REQUESTS, {}, b.token)).messageRequests).toHaveLength(1);
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: sender.id }, b.token);
      expect((await t.ok<{ messageRequests: unknown[] }>(REQUESTS, {}, b.token)).messageRequests).toEqual([]);
      await t.ok(READ, { id: (await t.ok<{ conversations: { edges: { node: { id: string } }[] } }>(LIST, {}, b.token)).conversations.edges[0].node.id }, b.token);
      expect((await t.ok<{ unreadConversationCount: number }>(UNREAD, {}, b.token)).unreadConversationCount).toBe(0);
      // Declined and blocked, the request can still be reported: that is often why.
      await t.ok(RESPOND, { id: request.conversation.id, accept: false }, b.token);
      await t.ok(
        `mutation($input: ReportConversationInput!) { reportConversation(input: $input) }`,
        { input: { conversationId: request.conversation.id, messageIds: [request.message.id], reason: 'HARASSMENT' } },
        b.token,
      );
      const [reportCase] = await t.dataSource.query(`SELECT target_user_id FROM flag_cases WHERE target_type = 'CONVERSATION' AND target_id = $1`, [request.conversation.id]);
      expect(reportCase.target_user_id).toBe(sender.id);
      // The sender can still delete their own words after the other side left.
      const deleted = await t.ok<{ deleteMessage: { removed: boolean } }>(`mutation($id: ID!) { deleteMessage(id: $id) { removed } }`, { id: request.message.id }, sender.token);
      expect(deleted.deleteMessage.removed).toBe(true);
    });

    it('a block after a conversation started stops sending in it, both ways', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await mentorPair(a, b);
      const started = await startOk(a, [b]);
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: a.id }, b.token);
      for (const who of [a, b]) {
        const res = await t.gql(SEND, { input: { conversationId: started.conversation.id, body: 'hello?' } }, who.token);
        expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', message: "You can't send messages in this conversation." });
      }
      // The block also ended the pairing (the migration's trigger).
      const [pairing] = await t.dataSource.query(`SELECT status FROM mentor_pairings WHERE mentor_id = $1`, [a.id]);
      expect(pairing.status).toBe('ENDED');
      // And the blocker no longer reads the blocked member's messages.
      expect((await view(b, started.conversation.id))?.messages.edges).toEqual([]);
    });

    it('bad input names the field: nobody, yourself, an unknown name, too many people, an empty or huge message', async () => {
      const a = await settled();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ recipientIds: [], body: 'hi' }, 'recipientIds', /Choose who/],
        [{ recipientIds: [a.id], body: 'hi' }, 'recipientIds', /yourself/],
        [{ recipientNames: ['nobody-by-this-name'], body: 'hi' }, 'recipientNames', /couldn't start a conversation with nobody-by-this-name/],
        [{ recipientIds: ['not-a-uuid'], body: 'hi' }, 'recipientIds', /not valid/],
        [{ recipientIds: [moderator.id], body: '   ' }, 'body', /Write something/],
        [{ recipientIds: [moderator.id], body: 'x'.repeat(5001) }, 'body', /at most 5,000/],
      ];
      for (const [input, field, message] of cases) {
        const error = errorOf(await t.gql(START, { input }, a.token));
        expect(error, JSON.stringify(input).slice(0, 80)).toMatchObject({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });
      }
      const six = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createMember(t, admin)));
      expect(errorOf(await start(moderator, six))).toMatchObject({ field: 'recipientIds', message: expect.stringMatching(/at most 6 people/) });
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM messages WHERE author_id = $1`, [a.id]);
      expect(count).toBe(0);
    });

    it('a group of up to 6: those reachable directly are in it, the others are asked', async () => {
      const sender = await settled();
      const [supporter, stranger] = [await settled(), await settled()];
      await supportPair(sender, supporter);
      const started = await startOk(sender, [supporter, stranger], 'Walk on Saturday?');
      const states = Object.fromEntries(started.conversation.participants.map((p) => [p.user.id, p.state]));
      expect(states).toEqual({ [supporter.id]: 'ACTIVE', [stranger.id]: 'PENDING' });
      expect((await view(sender, started.conversation.id))?.sendState.canSend).toBe(true);
    });

    it('limits message requests per sender and per recipient, and a refused attempt stores nothing', async () => {
      const sender = await settled();
      const popular = await settled();
      // Per recipient: 2 a day in this spec.
      for (const from of [await settled(), await settled()]) await startOk(from, [popular]);
      const third = await settled();
      expect(errorOf(await start(third, [popular]))).toMatchObject({ code: 'RATE_LIMITED', field: 'recipientIds' });
      // Per sender: 3 a day in this spec (the refused one above gave its count back).
      for (let i = 0; i < 3; i++) await startOk(sender, [await settled()]);
      expect(errorOf(await start(sender, [await settled()])).code).toBe('RATE_LIMITED');
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM conversations WHERE created_by = $1`, [sender.id]);
      expect(count).toBe(3);
      expect((await startOk(third, [await settled()])).conversation.participants[0].state).toBe('PENDING');
    });
  });

  describe('reading, unread counts and notifications', () => {
    it('unread counts, read marks, one notification per unread stretch, mute, leave and delete', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await supportPair(a, b);
      const started = await startOk(a, [b], 'First message');
      const id = started.conversation.id;
      await t.ok(SEND, { input: { conversationId: id, body: 'Second message' } }, a.token);
      expect((await view(b, id))?.unreadCount).toBe(2);
      expect((await t.ok<{ unreadConversationCount: number }>(UNREAD, {}, b.token)).unreadConversationCount).toBe(1);
      const notices = await t.dataSource.query(`SELECT title, body, read_at FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE'`, [b.id]);
      expect(notices).toEqual([{ title: `${a.displayName} sent you a message.`, body: 'Open Messages in Kinship to read it.', read_at: null }]);
      // Never the message's words in the notification.
      expect(JSON.stringify(notices)).not.toMatch(/First|Second/);

      await t.ok(READ, { id }, b.token);
      expect((await view(b, id))?.unreadCount).toBe(0);
      expect((await t.ok<{ unreadConversationCount: number }>(UNREAD, {}, b.token)).unreadConversationCount).toBe(0);
      const [{ unread }] = await t.dataSource.query(
        `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE' AND read_at IS NULL`,
        [b.id],
      );
      expect(unread).toBe(0);
      // A message after reading is a new stretch: a new notification.
      await t.ok(SEND, { input: { conversationId: id, body: 'Third' } }, a.token);
      const [{ total }] = await t.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE'`, [b.id]);
      expect(total).toBe(2);

      // Muted: no notification, the count still shows.
      await t.ok(`mutation($id: ID!) { muteConversation(id: $id, muted: true) { muted } }`, { id }, b.token);
      await t.ok(READ, { id }, b.token);
      await t.ok(SEND, { input: { conversationId: id, body: 'Fourth' } }, a.token);
      const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE'`, [b.id]);
      expect(after).toBe(2);
      expect((await view(b, id))?.unreadCount).toBe(1);

      // Deleting one's own message: "removed" for everyone, its words erased.
      const fourth = (await view(a, id))!.messages.edges[0].node;
      await t.ok(`mutation($id: ID!) { deleteMessage(id: $id) { id removed bodyHtml } }`, { id: fourth.id }, a.token);
      expect((await view(b, id))!.messages.edges[0].node).toMatchObject({ id: fourth.id, removed: true, bodyHtml: null });
      const [stored] = await t.dataSource.query(`SELECT body FROM messages WHERE id = $1`, [fourth.id]);
      expect(stored.body).toBe('');
      expect(errorOf(await t.gql(`mutation($id: ID!) { deleteMessage(id: $id) { id } }`, { id: fourth.id }, b.token)).code).toBe('NOT_FOUND');

      // Leaving: they no longer read it, and the other side sees they left.
      await t.ok(`mutation($id: ID!) { leaveConversation(id: $id) }`, { id }, b.token);
      expect(await view(b, id)).toBeNull();
      expect((await view(a, id))?.participants[0].state).toBe('LEFT');
      expect((await view(a, id))?.sendState).toEqual({ canSend: false, reason: 'Nobody else is in this conversation any more.' });
    });

    it('pages messages newest first with a cursor, and the list by latest activity', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await mentorPair(a, b);
      const first = await startOk(a, [b], 'm1');
      for (let i = 2; i <= 5; i++) await t.ok(SEND, { input: { conversationId: first.conversation.id, body: `m${i}` } }, a.token);
      const page = `query($id: ID!, $after: String) { conversation(id: $id) { messages(first: 2, after: $after) { edges { node { bodyHtml } } pageInfo { hasNextPage endCursor } } } }`;
      type Page = { conversation: { messages: { edges: { node: { bodyHtml: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: Page = await t.ok<Page>(page, { id: first.conversation.id, after }, b.token);
        seen.push(...res.conversation.messages.edges.map((e) => e.node.bodyHtml.replace(/<[^>]+>/g, '').trim()));
        if (!res.conversation.messages.pageInfo.hasNextPage) break;
        after = res.conversation.messages.pageInfo.endCursor;
      }
      expect(seen).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
      const second = await startOk(b, [a], 'newer conversation');
      const { conversations } = await t.ok<{ conversations: { edges: { node: { id: string; lastMessage: { bodyHtml: string } } }[] } }>(LIST, {}, a.token);
      expect(conversations.edges.map((e) => e.node.id)).toEqual([second.conversation.id, first.conversation.id]);
      expect(conversations.edges[1].node.lastMessage.bodyHtml).toContain('m5');
      const bad = await t.gql(`query($id: ID!) { conversation(id: $id) { messages(after: "nope") { edges { cursor } } } }`, { id: first.conversation.id }, b.token);
      expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('Markdown is sanitized as in posts', async () => {
      const a = await createMember(t, admin);
      const started = await startOk(moderator, [a], '**Welcome** <script>alert(1)</script> [site](javascript:alert(1))');
      expect(started.message.bodyHtml).toContain('<strong>Welcome</strong>');
      expect(started.message.bodyHtml).not.toMatch(/<script|href="javascript/);
      expect(started.message.bodyHtml).toContain('&lt;script&gt;');
    });
  });

  describe('safety', () => {
    it('a crisis message: resources to the author, a CRISIS case with that message only, moderators alerted', async () => {
      const [member, supporter] = [await createMember(t, admin), await createMember(t, admin)];
      await supportPair(member, supporter);
      const started = await startOk(member, [supporter], 'Thanks for last week.');
      const res = await t.ok<{ sendMessage: { message: { id: string }; safetyResources: { name: string }[] } }>(
        SEND,
        { input: { conversationId: started.conversation.id, body: 'Honestly I just want to die tonight.' } },
        member.token,
      );
      expect(res.sendMessage.safetyResources.map((r) => r.name).join(' ')).toMatch(/988/);
      const [crisis] = await t.dataSource.query(
        `SELECT id, priority, target_user_id FROM flag_cases WHERE target_type = 'MESSAGE' AND target_id = $1 AND kind = 'CRISIS'`,
        [res.sendMessage.message.id],
      );
      expect(crisis).toMatchObject({ priority: 'CRISIS', target_user_id: member.id });
      await eventually(async () => {
        const rows = await t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND source_key = $2`, [moderator.id, `case:${crisis.id}`]);
        return rows.length > 0 ? true : undefined;
      });
      // The alert never carries the words; the case shows that one message and nothing else.
      const [alert] = await t.dataSource.query(`SELECT title, body FROM notifications WHERE user_id = $1 AND source_key = $2`, [moderator.id, `case:${crisis.id}`]);
      expect(JSON.stringify(alert)).not.toMatch(/want to die/);
      const { flagCase } = await t.ok<{ flagCase: { targetType: string; messages: { id: string; bodyHtml: string; reported: boolean }[] } }>(
        `query($id: ID!) { flagCase(id: $id) { targetType messages { id bodyHtml reported author { id } } } }`,
        { id: crisis.id },
        moderator.token,
      );
      expect(flagCase.targetType).toBe('MESSAGE');
      expect(flagCase.messages.map((m) => m.id)).toEqual([res.sendMessage.message.id]);
      expect(flagCase.messages[0].bodyHtml).toMatch(/want to die/);
      // The message is not hidden for that reason: the supporter reads it.
      expect((await view(supporter, started.conversation.id))?.messages.edges[0].node.bodyHtml).toMatch(/want to die/);
    });

    it('watched words: BLOCK refuses the message; REVIEW holds it until a moderator approves, then it is announced', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await mentorPair(a, b);
      await t.ok(`mutation { a: addWatchedWord(input: { word: "forbiddenword", action: BLOCK }) { id } b: addWatchedWord(input: { word: "checkthisword", action: REVIEW }) { id } }`, {}, admin.token);
      const blocked = await start(a, [b], 'this has forbiddenword in it');
      expect(errorOf(blocked)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      const held = await startOk(a, [b], 'please checkthisword now');
      expect(held.message.heldForReview).toBe(true);
      expect((await view(b, held.conversation.id))?.messages.edges).toEqual([]);
      expect((await view(a, held.conversation.id))?.messages.edges[0].node.heldForReview).toBe(true);
      const [notice] = await t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE'`, [b.id]);
      expect(notice).toBeUndefined();
      const [premod] = await t.dataSource.query(`SELECT id FROM flag_cases WHERE target_type = 'MESSAGE' AND target_id = $1 AND kind = 'PREMODERATION'`, [held.message.id]);
      await t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: APPROVE, reason: "Fine in context." }) { status } }`, { c: premod.id }, moderator.token);
      expect((await view(b, held.conversation.id))?.messages.edges[0].node.bodyHtml).toMatch(/checkthisword/);
      const [announced] = await t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'NEW_MESSAGE'`, [b.id]);
      expect(announced).toBeDefined();
    });

    it('a report shares the reported messages and the five before each, and nothing else', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await mentorPair(a, b);
      const started = await startOk(a, [b], 'm1');
      const id = started.conversation.id;
      for (let i = 2; i <= 10; i++) await t.ok(SEND, { input: { conversationId: id, body: `m${i}` } }, i % 2 === 0 ? b.token : a.token);
      const messages = (await view(a, id))!.messages.edges.map((e) => e.node).reverse();
      const byText = (text: string) => messages.find((m) => m.bodyHtml?.includes(`>${text}<`))!.id;
      const report = `mutation($input: ReportConversationInput!) { reportConversation(input: $input) }`;
      // Only participants, only messages of this conversation, only others' messages.
      const outsider = await createMember(t, admin);
      expect(errorOf(await t.gql(report, { input: { conversationId: id, messageIds: [byText('m8')], reason: 'HARASSMENT' } }, outsider.token)).field).toBe('messageIds');
      expect(errorOf(await t.gql(report, { input: { conversationId: id, messageIds: [byText('m7')], reason: 'HARASSMENT' } }, a.token)).message).toMatch(/someone else sent/);
      expect(errorOf(await t.gql(report, { input: { conversationId: id, messageIds: [], reason: 'HARASSMENT' } }, a.token)).field).toBe('messageIds');

      await t.ok(report, { input: { conversationId: id, messageIds: [byText('m8')], reason: 'HARASSMENT', note: 'This upset me.' } }, a.token);
      const [reportCase] = await t.dataSource.query(`SELECT id, kind, target_user_id FROM flag_cases WHERE target_type = 'CONVERSATION' AND target_id = $1`, [id]);
      expect(reportCase).toMatchObject({ kind: 'RULES', target_user_id: b.id });
      const { flagCase } = await t.ok<{ flagCase: { messages: { bodyHtml: string; reported: boolean }[]; notes: { note: string }[] } }>(
        `query($id: ID!) { flagCase(id: $id) { messages { bodyHtml reported } notes { note } } }`,
        { id: reportCase.id },
        moderator.token,
      );
      const shared = flagCase.messages.map((m) => [m.bodyHtml.replace(/<[^>]+>/g, '').trim(), m.reported]);
      expect(shared).toEqual([['m3', false], ['m4', false], ['m5', false], ['m6', false], ['m7', false], ['m8', true]]);
      expect(flagCase.notes).toEqual([{ note: 'This upset me.' }]);
      // A member cannot read the case.
      expect(errorOf(await t.gql(`query($id: ID!) { flagCase(id: $id) { id } }`, { id: reportCase.id }, a.token)).code).toBe('FORBIDDEN');
      // The moderator removes the reported message (only it: the context stays), and its author is told.
      const removed = await t.ok<{ moderate: { status: string } }>(
        `mutation($c: ID!) { moderate(input: { caseId: $c, action: REMOVE, reason: "Harassment is not allowed here." }) { status } }`,
        { c: reportCase.id },
        moderator.token,
      );
      expect(removed.moderate.status).toBe('RESOLVED');
      for (const who of [a, b]) {
        const nodes = (await view(who, id))!.messages.edges.map((e) => e.node);
        expect(nodes.find((m) => m.id === byText('m8'))).toMatchObject({ removed: true, bodyHtml: null });
        expect(nodes.filter((m) => m.removed)).toHaveLength(1);
      }
      await eventually(async () => {
        const rows = await t.dataSource.query(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'MODERATION_OUTCOME'`, [b.id]);
        return rows.some((r: { title: string }) => r.title === 'A moderator removed your message') ? true : undefined;
      });
    });
  });

  describe('moderators and admins cannot read conversations they are not in, through any operation', () => {
    it('every query and mutation answers as if the conversation did not exist', async () => {
      const [a, b] = [await createMember(t, admin), await createMember(t, admin)];
      await mentorPair(a, b);
      const started = await startOk(a, [b], 'private words between us');
      const id = started.conversation.id;
      const messageId = started.message.id;
      for (const staff of [moderator, admin]) {
        expect(await view(staff, id)).toBeNull();
        expect((await t.ok<{ conversations: { edges: unknown[] } }>(LIST, {}, staff.token)).conversations.edges.every(
          (e) => (e as { node: { id: string } }).node.id !== id,
        )).toBe(true);
        expect((await t.ok<{ messageRequests: unknown[] }>(REQUESTS, {}, staff.token)).messageRequests).toEqual([]);
        const mutations: [string, Record<string, unknown>][] = [
          [SEND, { input: { conversationId: id, body: 'reading?' } }],
          [READ, { id }],
          [RESPOND, { id, accept: true }],
          [`mutation($id: ID!) { leaveConversation(id: $id) }`, { id }],
          [`mutation($id: ID!) { muteConversation(id: $id, muted: true) { id } }`, { id }],
          [`mutation($id: ID!) { deleteMessage(id: $id) { id } }`, { id: messageId }],
        ];
        for (const [query, variables] of mutations) {
          expect(errorOf(await t.gql(query, variables, staff.token)).code, query.slice(0, 40)).toBe('NOT_FOUND');
        }
        const report = await t.gql(
          `mutation($input: ReportConversationInput!) { reportConversation(input: $input) }`,
          { input: { conversationId: id, messageIds: [messageId], reason: 'OTHER', note: 'peek' } },
          staff.token,
        );
        expect(errorOf(report).field).toBe('messageIds');
        // Flagging a message through the general flag operation is not a way in either.
        expect(errorOf(await t.gql(`mutation($id: ID!) { flag(input: { targetType: MESSAGE, targetId: $id, reason: SPAM }) }`, { id: messageId }, staff.token)).code).toBe('BAD_USER_INPUT');
        // No case is about this conversation, so the queue holds none of its words.
        const queue = await t.ok<{ moderationQueue: { edges: { node: { messages: { bodyHtml: string }[] } }[] } }>(
          `{ moderationQueue(first: 100) { edges { node { messages { bodyHtml } } } } }`,
          {},
          staff.token,
        );
        expect(JSON.stringify(queue)).not.toContain('private words');
      }
      // The message was untouched by all of that.
      expect((await view(b, id))?.messages.edges[0].node.bodyHtml).toContain('private words between us');
    });
  });

  describe('a moderator reaches a member from a case', () => {
    it('opens a conversation from a crisis or support case in one step (the same one when asked twice); not from other cases; never for members', async () => {
      const member = await createMember(t, admin);
      const thread = await t.ok<{ createThread: { post: { id: string } } }>(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`,
        { input: { categoryId, title: 'A hard night', body: 'I want to kill myself, I can not do this' } },
        member.token,
      );
      const [crisis] = await t.dataSource.query(`SELECT id FROM flag_cases WHERE target_type = 'POST' AND target_id = $1 AND kind = 'CRISIS'`, [thread.createThread.post.id]);
      const open = `mutation($c: ID!) { messageCaseMember(caseId: $c) }`;
      expect(errorOf(await t.gql(open, { c: crisis.id }, member.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(open, { c: crisis.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(open, { c: 'nope' }, moderator.token)).code).toBe('NOT_FOUND');
      const { messageCaseMember: conversationId } = await t.ok<{ messageCaseMember: string }>(open, { c: crisis.id }, moderator.token);
      expect((await t.ok<{ messageCaseMember: string }>(open, { c: crisis.id }, moderator.token)).messageCaseMember).toBe(conversationId);
      await t.ok(SEND, { input: { conversationId, body: 'Hi, I saw your post. I am here if you would like to talk.' } }, moderator.token);
      const theirs = await view(member, conversationId);
      expect(theirs).toMatchObject({ isRequest: false, unreadCount: 1 });
      expect(theirs?.participants).toEqual([{ state: 'ACTIVE', user: { id: moderator.id, displayName: moderator.displayName } }]);
      const rules = await t.dataSource.query(
        `INSERT INTO flag_cases (kind, target_type, target_id, target_user_id, priority) VALUES ('RULES', 'USER', $1, $1, 'NORMAL') RETURNING id`,
        [member.id],
      );
      expect(errorOf(await t.gql(open, { c: rules[0].id }, moderator.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    });
  });
});
