import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { ModerationProcessor } from './jobs/moderation.processor';

const FLAG = `mutation($input: FlagInput!) { flag(input: $input) }`;
const QUEUE = `{ moderationQueue(first: 50) { edges { node { id kind priority score flagCount status targetId reasons { reason count } notes { note } priorWarnings post { id status } } } } }`;
const MODERATE = `mutation($input: ModerateInput!) { moderate(input: $input) { id status } }`;
const ACK = `mutation($id: ID!) { acknowledgeCase(caseId: $id) { id acknowledgedBy } }`;
const LOG = `{ moderationLog(first: 100) { edges { node { id action moderatorId targetId reason excerpt } } } }`;
const WARN = `mutation($u: ID!, $r: String!) { warnUser(userId: $u, reason: $r) }`;
const SUSPEND = `mutation($u: ID!, $until: DateTime!, $r: String!) { suspendUser(userId: $u, until: $until, reason: $r) { id } }`;
const WORD = `mutation($input: WatchedWordInput!) { addWatchedWord(input: $input) { id word action } }`;
const APPEAL = `mutation($a: ID!, $t: String!) { appeal(actionId: $a, text: $t) { id status } }`;
const DECIDE = `mutation($id: ID!, $up: Boolean!, $r: String!) { decideAppeal(appealId: $id, upheld: $up, reason: $r) { id status } }`;
const NOTE = `mutation($u: ID!, $t: String!) { addModeratorNote(userId: $u, text: $t) }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id status } safetyResources { name phone text } } }`;
const POST_STATUS = `query($id: ID!) { thread(id: $id) { posts(first: 100) { edges { node { id status body moderationDecision { actionId action reason } } } } } }`;

const NIL = '00000000-0000-4000-8000-000000000000';

describe('moderation', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let secondModerator: Member;
  let categoryId: string;

  beforeAll(async () => {
    t = await TestHarness.start();
    await t.startWorker();
    admin = await createAdmin(t);
    moderator = await createMember(t, admin, 'MODERATOR');
    secondModerator = await createMember(t, admin, 'MODERATOR');
    categoryId = await createCategory(t, admin);
  });
  afterAll(() => t?.stop());

  const members = (n: number) => Promise.all(Array.from({ length: n }, () => createMember(t, admin)));
  const flagPost = (who: Member, postId: string, reason = 'HARASSMENT', note?: string) =>
    t.gql(FLAG, { input: { targetType: 'POST', targetId: postId, reason, note } }, who.token);
  const caseFor = async (targetId: string, kind?: string) =>
    (await t.ok<{ moderationQueue: any }>(QUEUE, {}, moderator.token)).moderationQueue.edges
      .map((e: any) => e.node)
      .find((c: any) => c.targetId === targetId && (!kind || c.kind === kind));
  const statusOf = async (threadId: string, postId: string, who: Member = moderator) =>
    (await t.ok<{ thread: any }>(POST_STATUS, { id: threadId }, who.token)).thread?.posts.edges.find((e: any) => e.node.id === postId)?.node;
  const notesOf = (who: Member, type: string) =>
    t.dataSource.query(`SELECT title, body, url, source_key FROM notifications WHERE user_id = $1 AND type = $2 ORDER BY created_at`, [who.id, type]);

  describe('authorization', () => {
    it('refuses every moderator operation to signed-out callers and to members', async () => {
      const [member] = await members(1);
      const ops: [string, Record<string, unknown>][] = [
        [QUEUE, {}],
        [LOG, {}],
        [MODERATE, { input: { caseId: NIL, action: 'DISMISS' } }],
        [ACK, { id: NIL }],
        [WARN, { u: member.id, r: 'x' }],
        [SUSPEND, { u: member.id, until: new Date(Date.now() + 86_400_000).toISOString(), r: 'x' }],
        [DECIDE, { id: NIL, up: true, r: 'x' }],
        [NOTE, { u: member.id, t: 'x' }],
        [`mutation($id: ID!) { lockThread(threadId: $id, locked: true) { id } }`, { id: NIL }],
        [`mutation($id: ID!) { pinThread(threadId: $id, pinned: true) { id } }`, { id: NIL }],
        [`query($u: ID!) { memberModerationHistory(userId: $u) { warningCount } }`, { u: member.id }],
        [`{ appeals { id } }`, {}],
      ];
      for (const [query, variables] of ops) {
        expect(errorOf(await t.gql(query, variables)).code, query).toBe('UNAUTHENTICATED');
        expect(errorOf(await t.gql(query, variables, member.token)).code, query).toBe('FORBIDDEN');
      }
      for (const [query, variables] of [
        [WORD, { input: { word: 'spam', action: 'BLOCK' } }],
        [`{ watchedWords { id } }`, {}],
      ] as const) {
        expect(errorOf(await t.gql(query, variables)).code).toBe('UNAUTHENTICATED');
        expect(errorOf(await t.gql(query, variables, moderator.token)).code).toBe('FORBIDDEN');
      }
      expect(errorOf(await t.gql(FLAG, { input: { targetType: 'POST', targetId: NIL, reason: 'SPAM' } })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(APPEAL, { a: NIL, t: 'please look again' })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('flags and auto-hide', () => {
    it('validates flags: OTHER needs a note, targets must exist, your own content cannot be flagged', async () => {
      const [author, flagger] = await members(2);
      const { postId } = await createThread(t, author, categoryId);
      expect(errorOf(await flagPost(flagger, postId, 'OTHER'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      expect(errorOf(await flagPost(flagger, postId, 'BORED')).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await flagPost(flagger, NIL)).code).toBe('NOT_FOUND');
      expect(errorOf(await flagPost(author, postId)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(FLAG, { input: { targetType: 'EVENT', targetId: NIL, reason: 'SPAM' } }, flagger.token)).code).toBe('NOT_FOUND');
    });

    it('hides a post at exactly the third distinct flagger; a repeat flag counts once; flaggers stay anonymous', async () => {
      const [author, a, b, c, reader] = await members(5);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'a post that worries people');
      await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'HARASSMENT' } }, a.token);
      await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'HARASSMENT' } }, a.token);
      await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'OTHER', note: 'Feels like it names someone' } }, b.token);
      expect((await statusOf(threadId, postId, reader))?.status).toBe('VISIBLE');
      const twoFlags = await caseFor(postId, 'RULES');
      expect(twoFlags).toMatchObject({ score: 2, flagCount: 2, status: 'OPEN' });
      expect(twoFlags.notes).toEqual([{ note: 'Feels like it names someone' }]);

      await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'SPAM' } }, c.token);
      expect(await statusOf(threadId, postId, reader)).toBeUndefined();
      const own = await statusOf(threadId, postId, author);
      expect(own.status).toBe('HIDDEN');
      expect(own.moderationDecision).toMatchObject({ action: 'AUTO_HIDE' });
      expect((await caseFor(postId, 'RULES')).score).toBe(3);
      const [outcome] = await eventually(async () => {
        const rows = await notesOf(author, 'MODERATION_OUTCOME');
        return rows.length ? rows : undefined;
      });
      expect(outcome.title).toBe('Your post is hidden while a moderator reviews it');
      expect(JSON.stringify(outcome)).not.toContain(a.displayName);
    });

    it("a moderator's flag hides at once", async () => {
      const [author] = await members(1);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'spammy');
      await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'SPAM' } }, moderator.token);
      expect((await statusOf(threadId, postId)).status).toBe('HIDDEN');
    });

    it('SUPPORT flags never hide, open a SUPPORT case ("check in"), and never count against the author', async () => {
      const [author, ...worried] = await members(4);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'having a really hard week');
      for (const who of worried) await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'SUPPORT' } }, who.token);
      expect((await statusOf(threadId, postId, worried[0])).status).toBe('VISIBLE');
      const supportCase = await caseFor(postId, 'SUPPORT');
      expect(supportCase).toMatchObject({ kind: 'SUPPORT', priority: 'HIGH', score: 0, flagCount: 3 });
      expect(await caseFor(postId, 'RULES')).toBeUndefined();
      const rows = await eventually(async () => {
        const r = await notesOf(moderator, 'FLAG_RAISED');
        return r.some((n: any) => n.source_key === `case:${supportCase.id}`) ? r : undefined;
      });
      expect(rows.find((n: any) => n.source_key === `case:${supportCase.id}`).title).toMatch(/check in/);
    });

    it('orders the queue crisis first, then support, then by score', async () => {
      const [author, x, y, z] = await members(4);
      const { threadId } = await createThread(t, author, categoryId);
      const low = await reply(t, author, threadId, 'one flag');
      const high = await reply(t, author, threadId, 'two flags');
      await flagPost(x, low, 'SPAM');
      await flagPost(x, high, 'SPAM');
      await flagPost(y, high, 'SPAM');
      const support = await reply(t, author, threadId, 'support me');
      await flagPost(z, support, 'SUPPORT');
      await t.ok(REPLY, { input: { threadId, body: 'I want to end it all tonight' } }, author.token);
      const kinds = (await t.ok<{ moderationQueue: any }>(QUEUE, {}, moderator.token)).moderationQueue.edges.map((e: any) => e.node);
      const firstRules = kinds.findIndex((c: any) => c.kind === 'RULES');
      expect(kinds.slice(0, firstRules).every((c: any) => c.kind === 'CRISIS' || c.kind === 'SUPPORT')).toBe(true);
      expect(kinds.findIndex((c: any) => c.kind === 'CRISIS')).toBeLessThan(kinds.findIndex((c: any) => c.kind === 'SUPPORT'));
      const rules = kinds.filter((c: any) => c.kind === 'RULES').map((c: any) => c.score);
      expect(rules).toEqual([...rules].sort((a: number, b: number) => b - a));
    });
  });

  describe('crisis care', () => {
    it('a crisis reply stays visible, returns safety resources, opens a CRISIS case and alerts every moderator', async () => {
      const [author, reader] = await members(2);
      const { threadId } = await createThread(t, author, categoryId);
      const { reply: r } = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I want to end it all tonight' } }, author.token);
      expect(r.post.status).toBe('VISIBLE');
      expect(r.safetyResources.map((s: any) => s.phone ?? s.text)).toEqual(['988', '1-800-662-4357', 'HOME to 741741', '911']);
      expect((await statusOf(threadId, r.post.id, reader)).status).toBe('VISIBLE');
      const crisis = await caseFor(r.post.id, 'CRISIS');
      expect(crisis).toMatchObject({ priority: 'CRISIS', status: 'OPEN' });
      for (const who of [moderator, secondModerator, admin]) {
        await eventually(async () => {
          const rows = await notesOf(who, 'FLAG_RAISED');
          return rows.some((n: any) => n.source_key === `case:${crisis.id}` && n.title.startsWith('Urgent')) ? true : undefined;
        });
      }
      const calm = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: "I'm not suicidal anymore, 90 days clean" } }, author.token);
      expect(calm.reply.safetyResources).toEqual([]);
    });

    it('escalates to admins when nobody acknowledges in time, and not once acknowledged', async () => {
      const [author] = await members(1);
      const { threadId } = await createThread(t, author, categoryId);
      const lonely = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I am going to kill myself' } }, author.token);
      const answered = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I cut myself again last night' } }, author.token);
      const lonelyCase = await caseFor(lonely.reply.post.id, 'CRISIS');
      const answeredCase = await caseFor(answered.reply.post.id, 'CRISIS');
      const { acknowledgeCase } = await t.ok<{ acknowledgeCase: any }>(ACK, { id: answeredCase.id }, moderator.token);
      expect(acknowledgeCase.acknowledgedBy).toBe(moderator.id);
      // The escalation delay is 2 seconds in tests (CRISIS_ESCALATION_SECONDS).
      await eventually(async () => {
        const rows = await notesOf(admin, 'FLAG_RAISED');
        return rows.some((n: any) => n.source_key === `crisis-escalation:${lonelyCase.id}`) ? true : undefined;
      }, 15_000);
      await t.worker!.get(ModerationProcessor).escalate(answeredCase.id);
      const rows = await notesOf(admin, 'FLAG_RAISED');
      expect(rows.some((n: any) => n.source_key === `crisis-escalation:${answeredCase.id}`)).toBe(false);
      expect(await notesOf(moderator, 'FLAG_RAISED').then((r: any[]) => r.some((n) => n.source_key.startsWith('crisis-escalation')))).toBe(false);
    });
  });

  describe('actions, log and appeals', () => {
    it('REMOVE needs a reason the author sees; the author appeals once; the acting moderator cannot decide; another upholds and the post is back', async () => {
      const [author, flagger] = await members(2);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'something that got flagged');
      await flagPost(flagger, postId, 'MISINFORMATION');
      const c = await caseFor(postId, 'RULES');
      expect(errorOf(await t.gql(MODERATE, { input: { caseId: c.id, action: 'REMOVE' } }, moderator.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      await t.ok(MODERATE, { input: { caseId: c.id, action: 'REMOVE', reason: 'It shares medical advice that could hurt someone.' } }, moderator.token);
      expect(errorOf(await t.gql(MODERATE, { input: { caseId: c.id, action: 'DISMISS' } }, moderator.token)).code).toBe('CONFLICT');
      const removed = await statusOf(threadId, postId, author);
      expect(removed.status).toBe('REMOVED');
      expect(removed.moderationDecision).toMatchObject({ action: 'REMOVE', reason: 'It shares medical advice that could hurt someone.' });
      const told = await eventually(async () => {
        const rows = await notesOf(author, 'MODERATION_OUTCOME');
        return rows.find((n: any) => n.title === 'A moderator removed your post');
      });
      expect(told.body).toBe('It shares medical advice that could hurt someone.');
      await eventually(async () => ((await notesOf(flagger, 'MODERATION_OUTCOME')).length > 0 ? true : undefined));
      await t.settled();
      expect(await notesOf(flagger, 'MODERATION_OUTCOME')).toHaveLength(1);

      const actionId = removed.moderationDecision.actionId;
      const [other] = await members(1);
      expect(errorOf(await t.gql(APPEAL, { a: actionId, t: 'I shared what worked for me.' }, other.token)).code).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(APPEAL, { a: actionId, t: 'short' }, author.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
      const { appeal } = await t.ok<{ appeal: any }>(APPEAL, { a: actionId, t: 'I shared what worked for me, not advice.' }, author.token);
      expect(errorOf(await t.gql(APPEAL, { a: actionId, t: 'And again, please.' }, author.token)).code).toBe('CONFLICT');
      expect(errorOf(await t.gql(DECIDE, { id: appeal.id, up: false, r: 'No.' }, moderator.token)).code).toBe('FORBIDDEN');
      await t.ok(DECIDE, { id: appeal.id, up: true, r: 'On a second read it is a personal story.' }, secondModerator.token);
      expect((await statusOf(threadId, postId, other)).status).toBe('VISIBLE');
      await eventually(async () => {
        const rows = await notesOf(author, 'MODERATION_OUTCOME');
        return rows.some((n: any) => n.title === 'Your appeal was upheld') ? true : undefined;
      });
      const log = (await t.ok<{ moderationLog: any }>(LOG, {}, moderator.token)).moderationLog.edges.map((e: any) => e.node);
      const forPost = log.filter((a: any) => a.targetId === postId).map((a: any) => a.action);
      expect(forPost).toEqual(['APPEAL_UPHELD', 'REMOVE']);
      expect(log.find((a: any) => a.action === 'REMOVE' && a.targetId === postId).excerpt).toBe('something that got flagged');
    });

    it('DISMISS brings auto-hidden content back; APPROVE is only for pending content', async () => {
      const [author, a, b, c] = await members(4);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'misunderstood');
      for (const who of [a, b, c]) await flagPost(who, postId, 'TRIGGERING');
      const hiddenCase = await caseFor(postId, 'RULES');
      expect(errorOf(await t.gql(MODERATE, { input: { caseId: hiddenCase.id, action: 'APPROVE' } }, moderator.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await t.ok(MODERATE, { input: { caseId: hiddenCase.id, action: 'DISMISS' } }, moderator.token);
      expect((await statusOf(threadId, postId, a)).status).toBe('VISIBLE');
    });

    it('the log cannot be changed or deleted, even with SQL', async () => {
      const [member] = await members(1);
      await t.ok(WARN, { u: member.id, r: 'Please keep it kind.' }, moderator.token);
      await expect(t.dataSource.query(`UPDATE moderation_actions SET reason = 'edited'`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM moderation_actions`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`TRUNCATE moderation_actions`)).rejects.toThrow(/append-only/);
    });

    it('warnings need a reason, notify the member, show in their history with notes, and can be appealed', async () => {
      const [member] = await members(1);
      expect(errorOf(await t.gql(WARN, { u: member.id, r: '  ' }, moderator.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(errorOf(await t.gql(WARN, { u: secondModerator.id, r: 'no' }, moderator.token)).code).toBe('FORBIDDEN');
      await t.ok(WARN, { u: member.id, r: 'Please avoid naming other members.' }, moderator.token);
      await t.ok(NOTE, { u: member.id, t: 'Spoke with them by phone; doing better.' }, moderator.token);
      const { memberModerationHistory: h } = await t.ok<{ memberModerationHistory: any }>(
        `query($u: ID!) { memberModerationHistory(userId: $u) { warningCount notes { text } actions { action reason } } }`,
        { u: member.id },
        secondModerator.token,
      );
      expect(h).toMatchObject({ warningCount: 1, notes: [{ text: 'Spoke with them by phone; doing better.' }] });
      await eventually(async () => {
        const rows = await notesOf(member, 'MODERATION_OUTCOME');
        return rows.some((n: any) => n.title === 'A moderator sent you a warning' && n.body === 'Please avoid naming other members.') ? true : undefined;
      });
    });
  });

  describe('suspension', () => {
    it("refuses a suspended member's existing session at once and their sign-in, saying until when; lifting it restores access", async () => {
      const [member] = await members(1);
      const until = new Date(Date.now() + 3 * 86_400_000);
      expect(errorOf(await t.gql(SUSPEND, { u: member.id, until: new Date(Date.now() - 1000).toISOString(), r: 'x' }, moderator.token))).toMatchObject({
        field: 'until',
      });
      await t.ok(SUSPEND, { u: member.id, until: until.toISOString(), r: 'Repeated harassment after a warning.' }, moderator.token);
      const refused = await t.gql('{ me { id } }', {}, member.token);
      expect(errorOf(refused).code).toBe('FORBIDDEN');
      expect(errorOf(refused).message).toMatch(/suspended until/);
      expect(refused.errors?.[0].extensions?.suspendedUntil).toBe(until.toISOString());
      const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
        e: member.email,
        p: member.password,
      });
      expect(errorOf(login).message).toMatch(/suspended until/);

      const [{ id: actionId }] = await t.dataSource.query(
        `SELECT id FROM moderation_actions WHERE action = 'SUSPEND' AND target_user_id = $1`,
        [member.id],
      );
      await t.dataSource.query(`UPDATE users SET suspended_until = NULL WHERE id = $1`, [member.id]);
      const { appeal } = await t.ok<{ appeal: any }>(APPEAL, { a: actionId, t: 'I would like this looked at again.' }, member.token);
      await t.dataSource.query(`UPDATE users SET suspended_until = $2 WHERE id = $1`, [member.id, until]);
      await t.ok(DECIDE, { id: appeal.id, up: true, r: 'Lifted after review.' }, secondModerator.token);
      expect(await t.ok('{ me { id } }', {}, member.token)).toEqual({ me: { id: member.id } });
    });
  });

  describe('watched words and pre-moderation', () => {
    it('BLOCK refuses a post naming the word (whole word, any case); REVIEW holds it for a moderator', async () => {
      const [author, reader] = await members(2);
      await t.ok(WORD, { input: { word: 'Badword', action: 'BLOCK' } }, admin.token);
      await t.ok(WORD, { input: { word: 'meet up offline', action: 'REVIEW' } }, admin.token);
      const { threadId } = await createThread(t, author, categoryId);
      const blocked = errorOf(await t.gql(REPLY, { input: { threadId, body: 'this has a BADWORD in it' } }, author.token));
      expect(blocked).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      expect(blocked.message).toMatch(/BADWORD/);
      const fine = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'badwords and notbadword are fine' } }, author.token);
      expect(fine.reply.post.status).toBe('VISIBLE');
      const held = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'Want to Meet  Up Offline?' } }, author.token);
      expect(held.reply.post.status).toBe('PENDING_REVIEW');
      expect(await statusOf(threadId, held.reply.post.id, reader)).toBeUndefined();
      expect((await caseFor(held.reply.post.id, 'PREMODERATION')).status).toBe('OPEN');
    });

    it("holds a new member's first posts for approval; approval publishes and notifies", async () => {
      const strict = await TestHarness.start({ PREMOD_FIRST_POSTS: '2' });
      try {
        await strict.startWorker();
        const boss = await createAdmin(strict);
        const mod = await createMember(strict, boss, 'MODERATOR');
        const cat = await createCategory(strict, boss);
        const [newcomer, reader] = [await createMember(strict, boss), await createMember(strict, boss)];
        const { threadId, postId } = await createThread(strict, newcomer, cat, 'Hello from a newcomer');
        const visibleTo = async (who: Member) =>
          (await strict.ok<{ thread: any }>(`query($id: ID!) { thread(id: $id) { id } }`, { id: threadId }, who.token)).thread;
        expect(await visibleTo(reader)).toBeNull();
        expect(await visibleTo(newcomer)).not.toBeNull();
        const queue = (await strict.ok<{ moderationQueue: any }>(QUEUE, {}, mod.token)).moderationQueue.edges.map((e: any) => e.node);
        const pending = queue.find((c: any) => c.targetId === postId);
        expect(pending).toMatchObject({ kind: 'PREMODERATION', post: { status: 'PENDING_REVIEW' } });
        await strict.ok(MODERATE, { input: { caseId: pending.id, action: 'APPROVE' } }, mod.token);
        expect(await visibleTo(reader)).not.toBeNull();
        // Staff are never held; after two approved posts, neither is the member.
        const second = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'second post' } }, newcomer.token);
        expect(second.reply.post.status).toBe('PENDING_REVIEW');
        const secondCase = (await strict.ok<{ moderationQueue: any }>(QUEUE, {}, mod.token)).moderationQueue.edges
          .map((e: any) => e.node)
          .find((c: any) => c.targetId === second.reply.post.id);
        await strict.ok(MODERATE, { input: { caseId: secondCase.id, action: 'APPROVE' } }, mod.token);
        const third = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'third post' } }, newcomer.token);
        expect(third.reply.post.status).toBe('VISIBLE');
        const staff = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'welcome' } }, mod.token);
        expect(staff.reply.post.status).toBe('VISIBLE');
        await strict.settled();
        const approved = await strict.dataSource.query(
          `SELECT title FROM notifications WHERE user_id = $1 AND type = 'MODERATION_OUTCOME'`,
          [newcomer.id],
        );
        expect(approved.map((n: any) => n.title)).toContain('Your post was approved and is now visible');
      } finally {
        await strict.stop();
      }
    });

    it('reminds moderators of cases left open past the limit', async () => {
      const [author, flagger] = await members(2);
      const { postId } = await createThread(t, author, categoryId);
      await flagPost(flagger, postId, 'SPAM');
      const c = await caseFor(postId, 'RULES');
      await t.dataSource.query(`UPDATE flag_cases SET last_notified_at = now() - interval '49 hours' WHERE id = $1`, [c.id]);
      await t.worker!.get(ModerationProcessor).remindStale();
      const rows = await notesOf(moderator, 'FLAG_RAISED');
      expect(rows.filter((n: any) => n.source_key.startsWith(`case-reminder:${c.id}`))).toHaveLength(1);
      await t.worker!.get(ModerationProcessor).remindStale();
      expect((await notesOf(moderator, 'FLAG_RAISED')).filter((n: any) => n.source_key.startsWith(`case-reminder:${c.id}`))).toHaveLength(1);
    });
  });
});

describe('moderation settings', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  const SETTINGS = `{ moderationSettings { flagHideThreshold premodFirstPosts crisisEscalationMinutes } }`;
  const UPDATE = `mutation($input: ModerationSettingsInput!) { updateModerationSettings(input: $input) { flagHideThreshold premodFirstPosts crisisEscalationMinutes } }`;

  it('admins override thresholds (validated), moderators read them, null restores the default, and flags obey', async () => {
    const admin = await createAdmin(t);
    const moderator = await createMember(t, admin, 'MODERATOR');
    const [author, flagger] = [await createMember(t, admin), await createMember(t, admin)];
    expect(errorOf(await t.gql(SETTINGS)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(SETTINGS, {}, author.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(UPDATE, { input: { flagHideThreshold: 1 } }, moderator.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(UPDATE, { input: { flagHideThreshold: 0 } }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'flagHideThreshold',
    });
    expect(await t.ok(SETTINGS, {}, moderator.token)).toEqual({
      moderationSettings: { flagHideThreshold: 3, premodFirstPosts: 0, crisisEscalationMinutes: 0 },
    });
    await t.ok(UPDATE, { input: { flagHideThreshold: 1, crisisEscalationMinutes: 15 } }, admin.token);
    const categoryId = await createCategory(t, admin);
    const { postId } = await createThread(t, author, categoryId);
    await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'SPAM' } }, flagger.token);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    expect(status).toBe('HIDDEN');
    expect(await t.ok(UPDATE, { input: { flagHideThreshold: null } }, admin.token)).toEqual({
      updateModerationSettings: { flagHideThreshold: 3, premodFirstPosts: 0, crisisEscalationMinutes: 15 },
    });
  });
});
