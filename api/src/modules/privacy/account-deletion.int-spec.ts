import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { unsubscribeToken } from '../notifications/email/unsubscribe-token';
import { createMember, createThread, invite, Member, PASSWORD, register, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { privacyLookups } from '../../../test/privacy-lookups';
import { DELETE, EVENT, LOGIN, marker, ME, RSVP, SEARCH, THREAD } from './privacy.test-ops';

/** Deleting an account: what is erased (a scan of every text column), what keepPosts keeps, and the seat it frees. */
describe('privacy: deleting an account', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator], categoryId } = await startCommunity({ worker: true, moderators: 1, category: true }));
  });
  afterAll(() => t?.stop());

  const { as, event, backdate } = privacyLookups(() => t);

  /** Every text-like column of every table, with the rows holding `needle` (information_schema). */
  async function scan(needles: string[]): Promise<{ columns: number; hits: string[] }> {
    const columns: { table_name: string; column_name: string; data_type: string }[] = await t.dataSource.query(
      `SELECT c.table_name, c.column_name, c.data_type
         FROM information_schema.columns c JOIN information_schema.tables tb USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'tsvector', 'date')
        ORDER BY 1, 2`,
    );
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const needle of needles) {
        const [{ n }]: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), lower($1)) > 0`,
          [needle],
        );
        if (n > 0) hits.push(`${table_name}.${column_name} holds "${needle}" (${n})`);
      }
    }
    return { columns: columns.length, hits };
  }

  it('deleting erases every trace: a scan of every text column finds none of the member’s identifiers', async () => {
    const name = marker('Leaving');
    const d = await register(t, await invite(t, admin, 'MEMBER'), name);
    const friend = await createMember(t, admin);
    const bioMarker = marker('bio');
    const recoveryDate = '2023-02-17';
    await as(d, `mutation($b: String!) { updateProfile(input: { bio: $b, pronouns: "they/them" }) { id } }`, { b: bioMarker });
    await as(d, `mutation($d: Date!) { setRecoveryStart(date: $d, visibility: MEMBERS, announce: true) { daysSober } }`, {
      d: recoveryDate,
    });
    await as(friend, `mutation($u: ID!) { followUser(userId: $u, following: true) { id } }`, { u: d.id });
    await as(d, `mutation($u: ID!) { followUser(userId: $u, following: true) { id } }`, { u: friend.id });
    // Their posts name them, so a moderator's excerpt of one does too.
    const { threadId, postId } = await createThread(t, d, categoryId, 'Checking in', `Hi, I'm ${d.displayName}. My email is ${d.email}.`);
    await backdate(postId);
    await as(d, `mutation($id: ID!) { editPost(id: $id, body: "Hi all, a year in ${bioMarker}.") { id } }`, { id: postId });
    const { threadId: friendsThread } = await createThread(t, friend, categoryId, 'Evening check-in', 'How was today?');
    const dReply = await reply(t, d, friendsThread, `Good day, ${d.displayName} here.`);
    const mentionPost = await reply(t, friend, threadId, `Welcome @${d.displayName}, glad you're here.`);
    await as(d, `mutation($b: String!) { saveDraft(input: { key: "new-thread", body: $b }) { key } }`, { b: bioMarker });
    await as(d, `mutation { celebrate(input: { title: "One year", body: "A year today." }) { id } }`);
    await as(d, `mutation { resetCalendarLink { url } }`);
    const boardId = (await as<{ resourceBoards: { id: string }[] }>(d, `{ resourceBoards { id } }`)).resourceBoards[0].id;
    await as(d, `mutation($i: CreateResourceInput!) { createResource(input: $i) { id } }`, {
      i: { boardId, title: 'Peer mentor role', organization: 'Northside', url: 'https://example.org/p', contact: d.email },
    });
    await as(d, `mutation($i: FlagInput!) { flag(input: $i) }`, {
      i: { targetType: 'USER', targetId: friend.id, reason: 'OTHER', note: `From ${d.displayName}` },
    });
    await as(moderator, `mutation($u: ID!, $t: String!) { addModeratorNote(userId: $u, text: $t) }`, {
      u: d.id,
      t: `Spoke with ${d.displayName}`,
    });
    // A removal writes an excerpt of their words into the append-only log.
    await as(friend, `mutation($i: FlagInput!) { flag(input: $i) }`, { i: { targetType: 'POST', targetId: dReply, reason: 'SPAM' } });
    const queue = await as<{ moderationQueue: { edges: { node: { id: string; targetId: string } }[] } }>(
      moderator,
      `{ moderationQueue(first: 50) { edges { node { id targetId } } } }`,
    );
    const caseId = queue.moderationQueue.edges.find((e) => e.node.targetId === dReply)!.node.id;
    await as(moderator, `mutation($c: ID!) { moderate(input: { caseId: $c, action: HIDE, reason: "Shares an email address." }) { id } }`, {
      c: caseId,
    });
    await t.settled();
    const [logged]: { excerpt: string }[] = await t.dataSource.query(
      `SELECT excerpt FROM moderation_actions WHERE target_id = $1 AND excerpt IS NOT NULL`,
      [dReply],
    );
    expect(logged.excerpt).toContain(d.displayName);
    // Their check-ins, BARC-10 and check-in settings (health data) go too.
    await as(d, `mutation($h: String!) { saveCheckIn(input: { mood: 2, cravings: 3, helped: $h, hard: $h }) { id } }`, { h: bioMarker });
    await as(d, `mutation { saveRecoveryCapital(answers: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]) { total } }`);
    await as(d, `mutation { setCheckInSettings(enabled: true, reminder: true, reminderTime: "08:00") { enabled } }`);
    // Their safety net: a plan in their words, a person who answered a reach-out, one they support.
    await as(d, `mutation($i: SafetyPlanInput!) { saveSafetyPlan(input: $i) { updatedAt } }`, {
      i: { warningSigns: [bioMarker], copingStrategies: [], distractions: [], helpers: [], professionals: [], safeEnvironment: [], reasons: [bioMarker] },
    });
    const asked = await as<{ askSupportPerson: { id: string } }>(d, `mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`, {
      n: friend.displayName,
    });
    await as(friend, `mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id } }`, { id: asked.askSupportPerson.id });
    const reached = await as<{ reachOut: { id: string } }>(d, `mutation { reachOut { id } }`);
    await as(friend, `mutation($id: ID!) { markReachedOut(id: $id) { id } }`, { id: reached.reachOut.id });
    const asksD = await as<{ askSupportPerson: { id: string } }>(friend, `mutation($n: String!) { askSupportPerson(displayName: $n) { id } }`, {
      n: d.displayName,
    });
    await as(d, `mutation($id: ID!) { respondToSupportRequest(id: $id, accept: true) { id } }`, { id: asksD.askSupportPerson.id });
    const friendReached = await as<{ reachOut: { id: string } }>(friend, `mutation { reachOut { id } }`);
    await as(d, `mutation($id: ID!) { markReachedOut(id: $id) { id } }`, { id: friendReached.reachOut.id });
    // Conversations: their messages (in their words, with their name), a contact and a choice.
    const talk = await as<{ startConversation: { conversation: { id: string } } }>(
      d,
      `mutation($i: StartConversationInput!) { startConversation(input: $i) { conversation { id } } }`,
      { i: { recipientIds: [friend.id], body: `It's ${d.displayName}, ${bioMarker}` } },
    );
    await as(friend, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { message { id } } }`, {
      i: { conversationId: talk.startConversation.conversation.id, body: 'Good to hear from you.' },
    });
    await as(d, `mutation { setMessageRequests(allow: false) { allowRequests } }`);
    // Mentoring: d offers (in their words), mentors `friend`, ended another pairing with a note to
    // staff, and has a request from a newcomer waiting.
    const topicIds = (await as<{ mentorTopics: { id: string }[] }>(d, `{ mentorTopics { id } }`)).mentorTopics.slice(0, 1).map((x) => x.id);
    await as(d, `mutation($i: SaveMentorProfileInput!) { saveMentorProfile(input: $i) { status } }`, {
      i: { about: `About me ${bioMarker}`, topicIds, capacity: 3, available: true },
    });
    const askMentor = async (who: Member) =>
      (await as<{ requestMentor: { id: string } }>(who, `mutation($i: RequestMentorInput!) { requestMentor(input: $i) { id } }`, {
        i: { mentorId: d.id, topicIds, note: 'Hello, could we talk?' },
      })).requestMentor.id;
    const respondTo = (id: string) => as(d, `mutation($id: ID!) { respondToMentorRequest(id: $id, accept: true) { id } }`, { id });
    const mentoring = await askMentor(friend);
    await respondTo(mentoring);
    const earlier = await askMentor(await createMember(t, admin));
    await respondTo(earlier);
    await as(d, `mutation($id: ID!, $n: String) { endMentorPairing(id: $id, note: $n) { id } }`, { id: earlier, n: `From ${d.displayName}` });
    const asker = await createMember(t, admin);
    const waiting = await askMentor(asker);
    const unusedInvite = await invite(t, admin, 'MEMBER', d.email);
    const before = await scan([d.email, d.displayName, bioMarker]);
    expect(before.hits.length).toBeGreaterThan(8);

    const wrong = await t.gql(DELETE, { password: 'not-my-password', keepPosts: false }, d.token);
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await as(d, DELETE, { password: PASSWORD, keepPosts: false })).toEqual({ deleteMyAccount: true });
    await t.settled();

    const after = await scan([d.email, d.displayName, bioMarker, recoveryDate]);
    expect(after.columns).toBeGreaterThan(60);
    expect(after.hits).toEqual([]);
    const [row]: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT display_name, bio, pronouns, recovery_start, deleted_at FROM users WHERE id = $1`,
      [d.id],
    );
    expect(row).toMatchObject({ display_name: 'Former member', bio: null, pronouns: null, recovery_start: null });
    for (const table of ['sessions', 'notifications', 'drafts', 'calendar_tokens', 'notification_preferences', 'thread_watches', 'check_ins', 'recovery_capital_checks', 'check_in_settings']) {
      const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [d.id]);
      expect(n, table).toBe(0);
    }
    const counts: { n: number }[] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM follows WHERE follower_id = $1 OR followee_id = $1)
            + (SELECT count(*) FROM celebrations WHERE author_id = $1)
            + (SELECT count(*) FROM moderator_notes WHERE user_id = $1)
            + (SELECT count(*) FROM safety_plans WHERE user_id = $1)
            + (SELECT count(*) FROM support_links WHERE member_id = $1 OR supporter_id = $1)
            + (SELECT count(*) FROM reach_outs WHERE member_id = $1 OR answered_by = $1) AS n`,
      [d.id],
    );
    expect(Number(counts[0].n)).toBe(0);
    // The friend's side of the conversation: "message removed", from "Former member"; they can no longer write there.
    const friendView = await as<{
      conversation: { participants: { state: string; user: { displayName: string } }[]; sendState: { canSend: boolean }; messages: { edges: { node: { removed: boolean; bodyHtml: string | null; author: { displayName: string } } }[] } };
    }>(friend, `query($id: ID!) { conversation(id: $id) { participants { state user { displayName } } sendState { canSend } messages { edges { node { removed bodyHtml author { displayName } } } } } }`, {
      id: talk.startConversation.conversation.id,
    });
    expect(friendView.conversation.participants).toEqual([{ state: 'LEFT', user: { displayName: 'Former member' } }]);
    expect(friendView.conversation.sendState.canSend).toBe(false);
    expect(friendView.conversation.messages.edges.map((e) => e.node)).toEqual([
      { removed: false, bodyHtml: expect.stringContaining('Good to hear') as string, author: { displayName: friend.displayName } },
      { removed: true, bodyHtml: null, author: { displayName: 'Former member' } },
    ]);
    // Their offer is gone; the pairing ended and the request declined, the other side told without a name.
    const [{ profiles }]: { profiles: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS profiles FROM mentor_profiles WHERE user_id = $1`,
      [d.id],
    );
    expect(profiles).toBe(0);
    const pairings: { id: string; status: string }[] = await t.dataSource.query(
      `SELECT id, status FROM mentor_pairings WHERE id = ANY($1::uuid[])`,
      [[mentoring, waiting]],
    );
    expect(Object.fromEntries(pairings.map((p) => [p.id, p.status]))).toEqual({ [mentoring]: 'ENDED', [waiting]: 'DECLINED' });
    const told: { user_id: string; title: string }[] = await t.dataSource.query(
      `SELECT user_id, title FROM notifications WHERE source_key = ANY($1::text[])`,
      [[`mentor-update:${mentoring}:ended`, `mentor-update:${waiting}:declined`, `mentor-update:${mentoring}:accepted`]],
    );
    expect(told).toEqual(
      expect.arrayContaining([
        { user_id: friend.id, title: 'Your mentoring pairing has ended.' },
        { user_id: friend.id, title: 'Former member accepted your mentoring request.' },
        { user_id: asker.id, title: 'The mentor you asked is not available right now.' },
      ]),
    );

    // An unused invite for their address is withdrawn, not left open to anyone.
    const reuse = await t.gql(`mutation($i: RegisterInput!) { register(input: $i) { token } }`, {
      i: { inviteCode: unusedInvite, email: 'someone-else@example.org', password: PASSWORD, displayName: marker('Else') },
    });
    expect(errorOf(reuse)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });

    // An old email's unsubscribe link is simply no longer valid (nothing is written for them).
    const unsubscribe = await t.gql(`mutation($t: String!) { unsubscribe(token: $t) { type } }`, {
      t: unsubscribeToken(t.config.appSecret, d.id, 'REPLY'),
    });
    expect(errorOf(unsubscribe)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // The token and the password are dead.
    expect((await t.gql(ME, {}, d.token)).data).toEqual({ me: null });
    expect(errorOf(await t.gql(LOGIN, { email: d.email, password: PASSWORD })).code).toBe('UNAUTHENTICATED');

    // keepPosts: false — the thread keeps its shape; the posts read as removed by their author.
    const thread = (await as<{ thread: any }>(friend, THREAD, { id: threadId })).thread;
    const [opening, welcome] = thread.posts.edges.map((e: any) => e.node);
    expect(opening).toMatchObject({ id: postId, deleted: true, body: '', author: { id: d.id, displayName: 'Former member' } });
    expect(welcome).toMatchObject({ id: mentionPost, body: "Welcome Former member, glad you're here." });
    expect((await as<{ search: any }>(friend, SEARCH, { q: bioMarker })).search.edges).toEqual([]);
    // The moderation log keeps the entry, by id, without the excerpt.
    const entries: { excerpt: string | null; target_user_id: string }[] = await t.dataSource.query(
      `SELECT excerpt, target_user_id FROM moderation_actions WHERE target_id = $1`,
      [dReply],
    );
    expect(entries).toEqual([{ excerpt: null, target_user_id: d.id }]);
    // Only the excerpt may ever change: the log is still append-only otherwise.
    await expect(t.dataSource.query(`UPDATE moderation_actions SET reason = 'x' WHERE target_id = $1`, [dReply])).rejects.toThrow(
      /append-only/,
    );
    // The name is free for someone new; "Former member" is not.
    const again = await t.ok<{ register: { user: { displayName: string } } }>(
      `mutation($i: RegisterInput!) { register(input: $i) { user { displayName } } }`,
      { i: { inviteCode: await invite(t, admin), email: `new-${d.email}`, password: PASSWORD, displayName: d.displayName } },
    );
    expect(again.register.user.displayName).toBe(d.displayName);
    const taken = await t.gql(`mutation { updateProfile(input: { displayName: "former MEMBER" }) { id } }`, {}, friend.token);
    expect(errorOf(taken)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
  });

  it('keepPosts: true keeps their posts, searchable, under "Former member"', async () => {
    const k = await createMember(t, admin);
    const reader = await createMember(t, admin);
    const words = marker('kept');
    const { threadId, postId } = await createThread(t, k, categoryId, 'What helped me', `Walking every morning ${words}.`);
    const blocker = await createMember(t, admin);
    await as(blocker, `mutation($u: ID!) { blockUser(userId: $u) }`, { u: k.id });
    await as(k, DELETE, { password: PASSWORD, keepPosts: true });
    // A block someone placed on them stays theirs: the kept posts stay out of their sight.
    const hidden = (await as<{ thread: any }>(blocker, THREAD, { id: threadId })).thread.posts.edges[0].node;
    expect(hidden.body).toBe('');
    const thread = (await as<{ thread: any }>(reader, THREAD, { id: threadId })).thread;
    expect(thread.posts.edges[0].node).toMatchObject({
      id: postId,
      deleted: false,
      body: `Walking every morning ${words}.`,
      author: { id: k.id, displayName: 'Former member' },
    });
    expect((await as<{ search: any }>(reader, SEARCH, { q: words })).search.edges).toHaveLength(1);
    expect((await scan([k.email, k.displayName])).hits).toEqual([]);
    // A former member can't be followed or @mentioned.
    const follow = await t.gql(`mutation($u: ID!) { followUser(userId: $u, following: true) { id } }`, { u: k.id }, reader.token);
    expect(errorOf(follow)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const mention = await reply(t, reader, threadId, 'Thank you @Former member.');
    const [post]: { mentioned_user_ids: string[]; body_html: string }[] = await t.dataSource.query(
      `SELECT mentioned_user_ids, body_html FROM posts WHERE id = $1`,
      [mention],
    );
    expect(post.mentioned_user_ids).toEqual([]);
    expect(post.body_html).not.toContain('/u/');
  });

  it("a deleted member's seat goes to the first member waiting, who is told", async () => {
    const going = await createMember(t, admin);
    const first = await createMember(t, admin);
    const second = await createMember(t, admin);
    const eventId = await event(admin, { capacity: 1 });
    await as(going, RSVP, { id: eventId });
    expect((await as(first, RSVP, { id: eventId })).rsvp).toMatchObject({ waitlisted: true });
    expect((await as(second, RSVP, { id: eventId })).rsvp).toMatchObject({ waitlisted: true });
    await as(going, DELETE, { password: PASSWORD, keepPosts: false });
    await t.settled();
    expect((await as(first, EVENT, { id: eventId })).event).toMatchObject({
      goingCount: 1,
      waitlistCount: 1,
      viewerRsvp: { status: 'GOING', waitlisted: false },
    });
    expect((await as(second, EVENT, { id: eventId })).event.viewerRsvp).toMatchObject({ waitlisted: true });
    const [promoted]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'WAITLIST_PROMOTED'`,
      [first.id],
    );
    expect(promoted.n).toBe(1);
  });
});
