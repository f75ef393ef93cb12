import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { moderationLookups } from '../../../test/moderation-lookups';
import { ACK, APPEAL, DECIDE, FLAG, LOG, MODERATE, NIL, NOTE, QUEUE, SUSPEND, WARN, WORD } from './moderation.test-ops';

/** What moderators do to content and members (remove, dismiss, warn, suspend), its log, its appeals, and who may. */
describe('moderation', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let secondModerator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator, secondModerator], categoryId } = await startCommunity({ worker: true, moderators: 2, category: true }));
  });
  afterAll(() => t?.stop());

  const { members, flagPost, caseFor, statusOf, notesOf } = moderationLookups(() => ({ t, admin, moderator }));

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

    it('two moderators acting on one case at once: one wins, the other is told', async () => {
      const [author, flagger, second] = [await createMember(t, admin), await createMember(t, admin), await createMember(t, admin, 'MODERATOR')];
      const { postId } = await createThread(t, author, categoryId);
      await t.ok(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SPAM }) }`, { p: postId }, flagger.token);
      const [c] = await t.dataSource.query(`SELECT id FROM flag_cases WHERE target_id = $1`, [postId]);
      const results = await Promise.all([
        t.gql(`mutation($c: ID!) { moderate(input: { caseId: $c, action: REMOVE, reason: "Spam." }) { id } }`, { c: c.id }, moderator.token),
        t.gql(`mutation($c: ID!) { moderate(input: { caseId: $c, action: DISMISS }) { id } }`, { c: c.id }, second.token),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.find((r) => r.errors)?.errors?.[0].extensions?.code).toBe('CONFLICT');
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM moderation_actions WHERE case_id = $1`, [c.id]);
      expect(count).toBe(1);
    });

    it('a moderator cannot decide their own appeal', async () => {
      const [appellant, other] = [await createMember(t, admin, 'MODERATOR'), await createMember(t, admin, 'MODERATOR')];
      const { postId, threadId } = await createThread(t, appellant, categoryId);
      void threadId;
      const flagger = await createMember(t, admin);
      await t.ok(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SPAM }) }`, { p: postId }, flagger.token);
      const [c] = await t.dataSource.query(`SELECT id FROM flag_cases WHERE target_id = $1`, [postId]);
      await t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: REMOVE, reason: "Off topic." }) { id } }`, { c: c.id }, other.token);
      const [action] = await t.dataSource.query(`SELECT id FROM moderation_actions WHERE case_id = $1`, [c.id]);
      const { appeal } = await t.ok<{ appeal: any }>(`mutation($a: ID!) { appeal(actionId: $a, text: "It was on topic, honestly.") { id } }`, { a: action.id }, appellant.token);
      expect(errorOf(await t.gql(`mutation($id: ID!) { decideAppeal(appealId: $id, upheld: true, reason: "Mine.") { id } }`, { id: appeal.id }, appellant.token)).code).toBe(
        'FORBIDDEN',
      );
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
});
