import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { encodeCursor } from '../../graphql/connection';

/** Regression tests for visibility, moderation and robustness rules found in review. */
describe('visibility and moderation edge cases', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    t = await TestHarness.start({ FLAG_RATE_LIMIT_PER_HOUR: '3' });
    admin = await createAdmin(t);
    moderator = await createMember(t, admin, 'MODERATOR');
    categoryId = await createCategory(t, admin);
  });
  afterAll(() => t?.stop());

  it('a hidden opening post hides the whole thread: no title or replies through search, profiles or watchThread', async () => {
    const [author, replier, reader] = [await createMember(t, admin), await createMember(t, admin), await createMember(t, admin)];
    const { threadId, postId } = await createThread(t, author, categoryId, 'Secret title QQXV', 'opening');
    const replyId = await reply(t, replier, threadId, 'findable reply QQXV');
    await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [postId]);
    const search = await t.ok<{ search: any }>(`{ search(query: "QQXV") { edges { node { id thread { title } } } } }`, {}, reader.token);
    expect(search.search.edges).toEqual([]);
    const profile = await t.ok<{ user: any }>(`query($id: ID!) { user(id: $id) { posts { edges { node { id } } } } }`, { id: replier.id }, reader.token);
    expect(profile.user.posts.edges.map((e: any) => e.node.id)).not.toContain(replyId);
    expect(errorOf(await t.gql(`mutation($t: ID!) { watchThread(threadId: $t, watching: true) { title } }`, { t: threadId }, reader.token)).code).toBe(
      'NOT_FOUND',
    );
    expect(errorOf(await t.gql(`mutation($p: ID!) { react(postId: $p, kind: HUG) { id } }`, { p: replyId }, reader.token)).code).toBe('NOT_FOUND');
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

  it('a forged cursor of the right JavaScript types is still bad input, never a server error', async () => {
    const forged = encodeCursor([true, 'x', 'y']);
    expect(errorOf(await t.gql(`query($a: String) { threads(after: $a) { edges { cursor } } }`, { a: forged }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(errorOf(await t.gql(`query($a: String) { search(query: "x", after: $a) { edges { cursor } } }`, { a: encodeCursor(['abc', 'def']) }, admin.token)).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('flags are rate-limited per member (3 per hour here); moderators are not', async () => {
    const [author, flagger] = [await createMember(t, admin), await createMember(t, admin)];
    const posts = await Promise.all([1, 2, 3, 4].map(() => createThread(t, author, categoryId)));
    const codes = [];
    for (const p of posts) {
      codes.push(errorOf(await t.gql(`mutation($p: ID!) { flag(input: { targetType: POST, targetId: $p, reason: SPAM }) }`, { p: p.postId }, flagger.token)).code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
  });

  it('fields that depend on the viewer work on the user returned by login', async () => {
    const member = await createMember(t, admin);
    const res = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { viewerFollows recoveryStart posts { edges { cursor } } } } }`, {
      e: member.email,
      p: member.password,
    });
    expect(res.errors).toBeUndefined();
  });
});
