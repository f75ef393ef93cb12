import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const POST_FIELDS = `id body bodyHtml contentWarning topics collapsed deleted editedAt viewerCanEdit hiddenByBlock
  reactions { kind count viewerReacted } revisions { body replacedAt }`;
const POSTS = `query($id: ID!) { thread(id: $id) { posts(first: 100) { edges { node { ${POST_FIELDS} } } } } }`;
const REACT = `mutation($postId: ID!, $kind: ReactionKind!) { react(postId: $postId, kind: $kind) { id reactions { kind count viewerReacted } } }`;
const UNREACT = `mutation($postId: ID!, $kind: ReactionKind!) { unreact(postId: $postId, kind: $kind) { id reactions { kind count viewerReacted } } }`;
const EDIT = `mutation($id: ID!, $body: String!, $cw: String, $topics: [SensitiveTopic!]) {
  editPost(id: $id, body: $body, contentWarning: $cw, topics: $topics) { id body editedAt contentWarning topics }
}`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) }`;

describe('posts: reactions, editing, deleting, warnings and topics', () => {
  let t: TestHarness;
  let admin: Member;
  let author: Member;
  let other: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, members: [author, other], moderators: [moderator], categoryId } = await startCommunity({
      members: 2,
      moderators: 1,
      category: true,
    }));
    // The author joined long ago (so the 30-day window applies unless a test says otherwise).
    await t.dataSource.query(`UPDATE users SET joined_at = now() - interval '90 days' WHERE id = $1`, [author.id]);
  });
  afterAll(() => t?.stop());

  const postOf = async (who: Member, threadId: string, postId: string) => {
    const { thread } = await t.ok<{ thread: any }>(POSTS, { id: threadId }, who.token);
    return thread.posts.edges.map((e: any) => e.node).find((p: any) => p.id === postId);
  };

  describe('react and unreact', () => {
    it('need a session and a real, visible post', async () => {
      const { postId } = await createThread(t, author, categoryId);
      expect(errorOf(await t.gql(REACT, { postId, kind: 'HUG' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(UNREACT, { postId, kind: 'HUG' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(REACT, { postId, kind: 'LIKE' }, other.token)).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await t.gql(REACT, { postId: '00000000-0000-4000-8000-000000000000', kind: 'HUG' }, other.token)).code).toBe('NOT_FOUND');
      await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [postId]);
      expect(errorOf(await t.gql(REACT, { postId, kind: 'HUG' }, other.token)).code).toBe('NOT_FOUND');
    });

    it('counts one reaction per kind per member, idempotently, with the viewer flag', async () => {
      const { postId } = await createThread(t, author, categoryId);
      await t.ok(REACT, { postId, kind: 'SUPPORT' }, other.token);
      const { react } = await t.ok<{ react: any }>(REACT, { postId, kind: 'SUPPORT' }, other.token);
      await t.ok(REACT, { postId, kind: 'HUG' }, other.token);
      await t.ok(REACT, { postId, kind: 'SUPPORT' }, moderator.token);
      expect(react.reactions).toEqual([
        { kind: 'SUPPORT', count: 1, viewerReacted: true },
        { kind: 'HUG', count: 0, viewerReacted: false },
        { kind: 'STRENGTH', count: 0, viewerReacted: false },
      ]);
      const { unreact } = await t.ok<{ unreact: any }>(UNREACT, { postId, kind: 'HUG' }, other.token);
      expect(unreact.reactions).toEqual([
        { kind: 'SUPPORT', count: 2, viewerReacted: true },
        { kind: 'HUG', count: 0, viewerReacted: false },
        { kind: 'STRENGTH', count: 0, viewerReacted: false },
      ]);
      // Unreacting what you never gave is fine too.
      await t.ok(UNREACT, { postId, kind: 'STRENGTH' }, other.token);
    });

    it('20 concurrent identical reactions leave a count of 1 and no error', async () => {
      const { postId } = await createThread(t, author, categoryId);
      const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(REACT, { postId, kind: 'STRENGTH' }, other.token)));
      expect(results.filter((r) => r.errors)).toEqual([]);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM reactions WHERE post_id = $1`, [postId]);
      expect(count).toBe(1);
      const [{ outbox }] = await t.dataSource.query(
        `SELECT count(*)::int AS outbox FROM outbox WHERE name = 'notifications.reaction' AND payload->>'postId' = $1`,
        [postId],
      );
      expect(outbox).toBe(1);
    });
  });

  describe('editPost', () => {
    it('needs a session, the author, and valid input', async () => {
      const { threadId, postId } = await createThread(t, author, categoryId);
      expect(errorOf(await t.gql(EDIT, { id: postId, body: 'x' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(EDIT, { id: postId, body: 'mine now' }, other.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(EDIT, { id: postId, body: 'mine now' }, moderator.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(EDIT, { id: postId, body: ' ' }, author.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      expect(errorOf(await t.gql(EDIT, { id: postId, body: 'ok', topics: ['CATS'] }, author.token)).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await t.gql(EDIT, { id: 'nope', body: 'ok' }, author.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect((await postOf(author, threadId, postId)).body).toBe('Grateful for this group.');
    });

    it('keeps no revision within 5 minutes, then keeps revisions that only moderators see', async () => {
      const { threadId, postId } = await createThread(t, author, categoryId, 'Edits', 'first text');
      const grace = await t.ok<{ editPost: any }>(EDIT, { id: postId, body: 'second text' }, author.token);
      expect(grace.editPost.editedAt).toBeNull();

      await t.dataSource.query(`UPDATE posts SET created_at = now() - interval '6 minutes' WHERE id = $1`, [postId]);
      const later = await t.ok<{ editPost: any }>(EDIT, { id: postId, body: 'third **text**', cw: 'mentions cravings', topics: ['RELAPSE'] }, author.token);
      expect(later.editPost).toMatchObject({ body: 'third **text**', contentWarning: 'mentions cravings', topics: ['RELAPSE'] });
      expect(later.editPost.editedAt).not.toBeNull();

      const asMember = await postOf(other, threadId, postId);
      expect(asMember.revisions).toBeNull();
      expect(asMember.bodyHtml).toContain('<strong>text</strong>');
      const asAuthor = await postOf(author, threadId, postId);
      expect(asAuthor.revisions).toBeNull();
      expect(asAuthor.viewerCanEdit).toBe(true);
      const asModerator = await postOf(moderator, threadId, postId);
      expect(asModerator.revisions.map((r: any) => r.body)).toEqual(['second text']);
    });

    it('refuses edits after 30 days, and after 24 hours for a member in their first week', async () => {
      const { postId } = await createThread(t, author, categoryId);
      await t.dataSource.query(`UPDATE posts SET created_at = now() - interval '31 days' WHERE id = $1`, [postId]);
      const error = errorOf(await t.gql(EDIT, { id: postId, body: 'too late' }, author.token));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/30 days/);

      const newcomer = await createMember(t, admin);
      const fresh = await createThread(t, newcomer, categoryId);
      await t.dataSource.query(`UPDATE posts SET created_at = now() - interval '25 hours' WHERE id = $1`, [fresh.postId]);
      expect(errorOf(await t.gql(EDIT, { id: fresh.postId, body: 'too late' }, newcomer.token)).message).toMatch(/24 hours/);
      const stillOpen = await createThread(t, newcomer, categoryId);
      await t.dataSource.query(`UPDATE posts SET created_at = now() - interval '23 hours' WHERE id = $1`, [stillOpen.postId]);
      await t.ok(EDIT, { id: stillOpen.postId, body: 'just in time' }, newcomer.token);
    });
  });

  describe('deletePost', () => {
    it('needs a session and the author; the post keeps its place, shown as deleted', async () => {
      const { threadId } = await createThread(t, author, categoryId);
      const first = await reply(t, other, threadId, 'to delete');
      const second = await reply(t, author, threadId, 'stays');
      expect(errorOf(await t.gql(DELETE, { id: first })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(DELETE, { id: first }, author.token)).code).toBe('FORBIDDEN');
      expect(await t.ok(DELETE, { id: first }, other.token)).toEqual({ deletePost: true });
      expect(await t.ok(DELETE, { id: first }, other.token)).toEqual({ deletePost: true });

      const { thread } = await t.ok<{ thread: any }>(POSTS, { id: threadId }, author.token);
      const nodes = thread.posts.edges.map((e: any) => e.node);
      expect(nodes.map((p: any) => p.id)).toEqual([expect.any(String), first, second]);
      expect(nodes[1]).toMatchObject({ deleted: true, body: '', bodyHtml: '', viewerCanEdit: false });
      expect(errorOf(await t.gql(EDIT, { id: first, body: 'again' }, other.token)).code).toBe('FORBIDDEN');
      expect((await postOf(moderator, threadId, first)).body).toBe('to delete');
    });
  });

  describe('content warnings and topic filters', () => {
    const SET_FILTERS = `mutation($topics: [SensitiveTopic!]!) { setTopicFilters(topics: $topics) }`;

    it('setTopicFilters needs a session and valid topics', async () => {
      expect(errorOf(await t.gql(SET_FILTERS, { topics: [] })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(SET_FILTERS, { topics: ['CATS'] }, other.token)).code).toBe('BAD_USER_INPUT');
    });

    it('collapses posts with a warning for everyone, and posts with a filtered topic for those who filter it', async () => {
      const reader = await createMember(t, admin);
      const { threadId } = await createThread(t, author, categoryId);
      const warned = await t.ok<{ reply: { post: { id: string } } }>(
        `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
        { input: { threadId, body: 'hard night', contentWarning: 'mentions a return to use' } },
        other.token,
      );
      const tagged = await t.ok<{ reply: { post: { id: string } } }>(
        `mutation($input: ReplyInput!) { reply(input: $input) { post { id topics } } }`,
        { input: { threadId, body: 'about drinking', topics: ['ALCOHOL'] } },
        other.token,
      );
      const plain = await reply(t, other, threadId, 'plain');
      const collapsed = async () =>
        Object.fromEntries(
          (await t.ok<{ thread: any }>(POSTS, { id: threadId }, reader.token)).thread.posts.edges.map((e: any) => [e.node.id, e.node.collapsed]),
        );
      let state = await collapsed();
      expect([state[warned.reply.post.id], state[tagged.reply.post.id], state[plain]]).toEqual([true, false, false]);

      expect(await t.ok(SET_FILTERS, { topics: ['ALCOHOL', 'GAMBLING', 'ALCOHOL'] }, reader.token)).toEqual({
        setTopicFilters: ['ALCOHOL', 'GAMBLING'],
      });
      state = await collapsed();
      expect([state[warned.reply.post.id], state[tagged.reply.post.id], state[plain]]).toEqual([true, true, false]);
      const { me } = await t.ok<{ me: { topicFilters: string[] } }>('{ me { topicFilters } }', {}, reader.token);
      expect(me.topicFilters).toEqual(['ALCOHOL', 'GAMBLING']);
    });
  });
});

describe("a member's recent posts on their profile", () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  it('lists visible, undeleted posts newest first; the member also sees their own hidden ones; none across a block', async () => {
    const admin = await createAdmin(t);
    const [author, reader] = await Promise.all([createMember(t, admin), createMember(t, admin)]);
    const categoryId = await createCategory(t, admin);
    const { threadId, postId } = await createThread(t, author, categoryId);
    const second = await reply(t, author, threadId, 'second');
    const hidden = await reply(t, author, threadId, 'hidden');
    const deleted = await reply(t, author, threadId, 'deleted');
    await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [hidden]);
    await t.ok(`mutation($id: ID!) { deletePost(id: $id) }`, { id: deleted }, author.token);
    const QUERY = `query($id: ID!) { user(id: $id) { posts(first: 10) { edges { node { id } } } } }`;
    const ids = async (who: Member) =>
      (await t.ok<{ user: any }>(QUERY, { id: author.id }, who.token)).user.posts.edges.map((e: any) => e.node.id);
    expect(await ids(reader)).toEqual([second, postId]);
    expect(await ids(author)).toEqual([deleted, hidden, second, postId]);
    await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: author.id }, reader.token);
    expect(await ids(reader)).toEqual([]);
  });
});
