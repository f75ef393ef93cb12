import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

describe('hidden threads', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, categoryId } = await startCommunity({ category: true }));
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
});
