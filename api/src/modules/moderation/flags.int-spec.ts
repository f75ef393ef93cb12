import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { moderationLookups } from '../../../test/moderation-lookups';
import { FLAG, NIL, QUEUE, REPLY } from './moderation.test-ops';

/** Flags: who may flag what, when flags hide a post, SUPPORT flags, the queue order, and flag rate limits. */
describe('moderation', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator], categoryId } = await startCommunity({ worker: true, moderators: 1, category: true }));
  });
  afterAll(() => t?.stop());

  const { members, flagPost, caseFor, statusOf, notesOf } = moderationLookups(() => ({ t, admin, moderator }));

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

    it('blocking a moderator hides nothing from moderation', async () => {
      const author = await createMember(t, admin);
      await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: moderator.id }, author.token);
      const { threadId, postId } = await createThread(t, author, categoryId, 'Blocked the mods', 'visible to moderators');
      const { thread } = await t.ok<{ thread: any }>(`query($id: ID!) { thread(id: $id) { posts { edges { node { body hiddenByBlock } } } } }`, { id: threadId }, moderator.token);
      expect(thread.posts.edges[0].node.body).toBe('visible to moderators');
      await t.ok(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SPAM }) }`, { p: postId }, moderator.token);
      const [{ status }] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
      expect(status).toBe('HIDDEN');
    });

    it('dismissing a support case leaves an auto-hidden post hidden; the rules case still decides', async () => {
      const author = await createMember(t, admin);
      const flaggers = await Promise.all([1, 2, 3, 4].map(() => createMember(t, admin)));
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, author, threadId, 'flagged and worried about');
      await t.ok(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SUPPORT }) }`, { p: postId }, flaggers[3].token);
      for (const f of flaggers.slice(0, 3)) {
        await t.ok(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: HARASSMENT }) }`, { p: postId }, f.token);
      }
      const [support] = await t.dataSource.query(`SELECT id FROM flag_cases WHERE target_id = $1 AND kind = 'SUPPORT'`, [postId]);
      await t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: DISMISS }) { id } }`, { c: support.id }, moderator.token);
      const [{ status }] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
      expect(status).toBe('HIDDEN');
    });
  });
});

describe('flag rate limits', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, categoryId } = await startCommunity({ env: { FLAG_RATE_LIMIT_PER_HOUR: '3' }, category: true }));
  });
  afterAll(() => t?.stop());

  it('flags are rate-limited per member (3 per hour here); moderators are not', async () => {
    const [author, flagger] = [await createMember(t, admin), await createMember(t, admin)];
    const posts = await Promise.all([1, 2, 3, 4].map(() => createThread(t, author, categoryId)));
    const codes = [];
    for (const p of posts) {
      codes.push(errorOf(await t.gql(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SPAM }) }`, { p: p.postId }, flagger.token)).code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
  });
});
