import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, errorOf, TestHarness } from '../../../test/harness';
import { createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const CREATE_CATEGORY = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id name slug description position } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) {
  createThread(input: $input) { post { id position body bodyHtml contentWarning status author { id } thread { id title replyCount locked category { id } } } safetyResources { name } }
}`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id position bodyHtml replyTo { id } thread { replyCount } } safetyResources { name } } }`;
const THREADS = `query($categoryId: ID, $first: Int, $after: String) {
  threads(categoryId: $categoryId, first: $first, after: $after) { edges { cursor node { id title pinned replyCount author { displayName } category { name } } } pageInfo { hasNextPage endCursor } }
}`;
const THREAD = `query($id: ID!, $first: Int, $after: String, $from: Int) {
  thread(id: $id) { id title replyCount posts(first: $first, after: $after, fromPosition: $from) { edges { node { position body author { id } } } pageInfo { hasNextPage endCursor } } }
}`;

describe('discussions', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;
  let other: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, members: [member, other], categoryId } = await startCommunity({ members: 2, category: 'Daily check-in' }));
  });
  afterAll(() => t?.stop());

  describe('categories and createCategory', () => {
    it('need a session', async () => {
      expect(errorOf(await t.gql('{ categories { id } }')).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(CREATE_CATEGORY, { input: { name: 'Wins' } })).code).toBe('UNAUTHENTICATED');
    });

    it('createCategory is for admins only', async () => {
      const moderator = await createMember(t, admin, 'MODERATOR');
      for (const who of [member, moderator]) {
        expect(errorOf(await t.gql(CREATE_CATEGORY, { input: { name: 'Wins' } }, who.token)).code).toBe('FORBIDDEN');
      }
    });

    it('rejects bad input and duplicates naming the field', async () => {
      expect(errorOf(await t.gql(CREATE_CATEGORY, { input: { name: ' x ' } }, admin.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'name',
      });
      expect(errorOf(await t.gql(CREATE_CATEGORY, { input: { name: 'Daily check-in' } }, admin.token))).toMatchObject({
        code: 'CONFLICT',
        field: 'name',
      });
    });

    it('creates categories with a slug, ordered by position', async () => {
      const { createCategory } = await t.ok<{ createCategory: { slug: string; position: number } }>(
        CREATE_CATEGORY,
        { input: { name: 'Stress & emotions', description: 'Talk it through.' } },
        admin.token,
      );
      expect(createCategory.slug).toBe('stress-emotions');
      const { categories } = await t.ok<{ categories: { name: string }[] }>('{ categories { name } }', {}, member.token);
      expect(categories.map((c) => c.name)).toEqual(['Daily check-in', 'Stress & emotions']);
    });
  });

  describe('createThread', () => {
    const input = (extra: Record<string, unknown> = {}) => ({ categoryId, title: 'Ninety days', body: 'Feeling steady.', ...extra });

    it('needs a session', async () => {
      expect(errorOf(await t.gql(CREATE_THREAD, { input: input() })).code).toBe('UNAUTHENTICATED');
    });

    it.each([
      [{ title: '' }, 'title'],
      [{ title: '  ab  ' }, 'title'],
      [{ title: 'x'.repeat(151) }, 'title'],
      [{ body: '' }, 'body'],
      [{ body: '   \n  ' }, 'body'],
      [{ body: 'x'.repeat(20_001) }, 'body'],
      [{ contentWarning: 'x'.repeat(141) }, 'contentWarning'],
      [{ categoryId: 'not-a-uuid' }, 'categoryId'],
      [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId'],
    ])('rejects %o naming the field', async (extra, field) => {
      const error = errorOf(await t.gql(CREATE_THREAD, { input: input(extra) }, member.token));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message?.length).toBeGreaterThan(10);
    });

    it('accepts a title of 3 and 150 characters and a body of 20,000', async () => {
      for (const extra of [{ title: 'abc' }, { title: 'x'.repeat(150), body: 'y'.repeat(20_000) }]) {
        expect((await t.gql(CREATE_THREAD, { input: input(extra) }, member.token)).errors).toBeUndefined();
      }
    });

    it('creates the thread with its opening post, rendering Markdown safely', async () => {
      const { createThread } = await t.ok<{ createThread: { post: Record<string, any>; safetyResources: unknown[] } }>(
        CREATE_THREAD,
        {
          input: input({
            title: '  Thirty days  ',
            body: '**Thirty** days. [link](https://example.org) <script>alert(1)</script>',
            contentWarning: 'mentions cravings',
          }),
        },
        member.token,
      );
      const post = createThread.post;
      expect(post.position).toBe(1);
      expect(post.status).toBe('VISIBLE');
      expect(post.author.id).toBe(member.id);
      expect(post.contentWarning).toBe('mentions cravings');
      expect(post.thread).toMatchObject({ title: 'Thirty days', replyCount: 0, locked: false, category: { id: categoryId } });
      expect(post.bodyHtml).toContain('<strong>Thirty</strong>');
      expect(post.bodyHtml).toContain('rel="nofollow ugc noopener"');
      expect(post.bodyHtml).not.toContain('<script');
      expect(createThread.safetyResources).toEqual([]);
    });
  });

  describe('reply', () => {
    it('needs a session', async () => {
      const { threadId } = await createThread(t, member, categoryId);
      expect(errorOf(await t.gql(REPLY, { input: { threadId, body: 'hi' } })).code).toBe('UNAUTHENTICATED');
    });

    it('rejects bad input naming the field', async () => {
      const { threadId } = await createThread(t, member, categoryId);
      const cases = [
        [{ threadId, body: '' }, 'body'],
        [{ threadId, body: 'x'.repeat(20_001) }, 'body'],
        [{ threadId: 'nope', body: 'hi' }, 'threadId'],
        [{ threadId, body: 'hi', replyToPostId: 'nope' }, 'replyToPostId'],
      ] as const;
      for (const [input, field] of cases) {
        expect(errorOf(await t.gql(REPLY, { input }, other.token))).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(errorOf(await t.gql(REPLY, { input: { threadId: '00000000-0000-4000-8000-000000000000', body: 'hi' } }, other.token)).code).toBe(
        'NOT_FOUND',
      );
    });

    it('refuses to quote a post from another thread, and writes nothing', async () => {
      const a = await createThread(t, member, categoryId);
      const b = await createThread(t, member, categoryId);
      const error = errorOf(await t.gql(REPLY, { input: { threadId: a.threadId, body: 'hi', replyToPostId: b.postId } }, other.token));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replyToPostId' });
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM posts WHERE thread_id = $1`, [a.threadId]);
      const [{ reply_count }] = await t.dataSource.query(`SELECT reply_count FROM threads WHERE id = $1`, [a.threadId]);
      expect([count, reply_count]).toEqual([1, 0]);
      const [{ outbox }] = await t.dataSource.query(`SELECT count(*)::int AS outbox FROM outbox WHERE payload->>'postId' IS NULL`);
      expect(outbox).toBe(0);
    });

    it('appends a reply with the next position, quoting a post, and writes the outbox row with it', async () => {
      const { threadId, postId } = await createThread(t, member, categoryId);
      const { reply } = await t.ok<{ reply: { post: Record<string, any> } }>(
        REPLY,
        { input: { threadId, body: 'You are doing great', replyToPostId: postId } },
        other.token,
      );
      expect(reply.post).toMatchObject({ position: 2, replyTo: { id: postId }, thread: { replyCount: 1 } });
      const rows = await t.dataSource.query(`SELECT queue, name, payload FROM outbox WHERE payload->>'postId' = $1`, [reply.post.id]);
      // The job carries the id of the request that queued it, for the worker's log lines.
      expect(rows).toEqual([{ queue: 'notifications', name: 'notifications.reply', payload: { postId: reply.post.id, _requestId: expect.any(String) } }]);
    });

    it('gives concurrent replies distinct, gapless positions', async () => {
      const { threadId } = await createThread(t, member, categoryId);
      await Promise.all(Array.from({ length: 10 }, (_, i) => reply(t, i % 2 ? other : member, threadId, `reply ${i}`)));
      const rows: { position: number }[] = await t.dataSource.query(
        `SELECT position FROM posts WHERE thread_id = $1 ORDER BY position`,
        [threadId],
      );
      expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    });

    it('is refused in a locked thread with a clear message', async () => {
      const { threadId } = await createThread(t, member, categoryId);
      await t.dataSource.query(`UPDATE threads SET locked = true WHERE id = $1`, [threadId]);
      const error = errorOf(await t.gql(REPLY, { input: { threadId, body: 'hello' } }, other.token));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/locked/);
    });
  });

  describe('threads and thread', () => {
    it('need a session', async () => {
      expect(errorOf(await t.gql(THREADS)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(THREAD, { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('UNAUTHENTICATED');
    });

    it('thread is null for an unknown id, and threads refuses an unknown category', async () => {
      expect(await t.ok(THREAD, { id: '00000000-0000-4000-8000-000000000000' }, member.token)).toEqual({ thread: null });
      expect(
        errorOf(await t.gql(THREADS, { categoryId: '00000000-0000-4000-8000-000000000000' }, member.token)).code,
      ).toBe('NOT_FOUND');
    });

    it('lists pinned threads first, then by latest activity, paging by cursor without gaps or repeats', async () => {
      const own = await createCategory(t, admin, 'Wins');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createThread(t, member, own, `Win number ${i}`)).threadId);
      await reply(t, other, ids[1]); // thread 1 becomes the most recently active
      await t.dataSource.query(`UPDATE threads SET pinned = true WHERE id = $1`, [ids[3]]);

      const seen: string[] = [];
      let after: string | null = null;
      do {
        const { threads }: { threads: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
          await t.ok(THREADS, { categoryId: own, first: 2, after }, member.token);
        seen.push(...threads.edges.map((e) => e.node.id));
        after = threads.pageInfo.hasNextPage ? threads.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual([ids[3], ids[1], ids[4], ids[2], ids[0]]);
    });

    it("pages through a thread's posts in reply order, and can start at a position", async () => {
      const { threadId } = await createThread(t, member, categoryId);
      for (let i = 0; i < 4; i++) await reply(t, other, threadId, `reply ${i + 2}`);
      const page1 = await t.ok<{ thread: any }>(THREAD, { id: threadId, first: 3 }, member.token);
      expect(page1.thread.posts.edges.map((e: any) => e.node.position)).toEqual([1, 2, 3]);
      expect(page1.thread.replyCount).toBe(4);
      const page2 = await t.ok<{ thread: any }>(THREAD, { id: threadId, first: 3, after: page1.thread.posts.pageInfo.endCursor }, member.token);
      expect(page2.thread.posts.edges.map((e: any) => e.node.position)).toEqual([4, 5]);
      expect(page2.thread.posts.pageInfo.hasNextPage).toBe(false);
      const fromFour = await t.ok<{ thread: any }>(THREAD, { id: threadId, from: 4 }, member.token);
      expect(fromFour.thread.posts.edges.map((e: any) => e.node.position)).toEqual([4, 5]);
    });

    it('hides a post that is not visible from everyone but its author and moderators', async () => {
      const { threadId } = await createThread(t, member, categoryId);
      const hiddenId = await reply(t, other, threadId, 'to be hidden');
      await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [hiddenId]);
      const positions = async (who: Member) =>
        (await t.ok<{ thread: any }>(THREAD, { id: threadId }, who.token)).thread.posts.edges.map((e: any) => e.node.position);
      expect(await positions(member)).toEqual([1]);
      expect(await positions(other)).toEqual([1, 2]);
      expect(await positions(admin)).toEqual([1, 2]);
    });

    it('runs the same number of SQL statements for a thread page of 10 posts and of 50', async () => {
      const { threadId, postId } = await createThread(t, member, categoryId);
      for (let i = 0; i < 55; i++) {
        const id = await reply(t, i % 2 ? other : admin, threadId, `reply ${i}`);
        if (i % 3 === 0) {
          await t.ok(`mutation($p: ID!) { react(postId: $p, kind: SUPPORT) { id } }`, { p: id }, member.token);
        }
      }
      await t.ok(`mutation($i: ReplyInput!) { reply(input: $i) { post { id } } }`, { i: { threadId, body: 'quoting', replyToPostId: postId } }, other.token);
      const page = `query($id: ID!, $first: Int) { thread(id: $id) {
        title pinned locked viewerIsWatching latestPosition author { displayName } category { name }
        posts(first: $first) { edges { node {
          id position body bodyHtml contentWarning collapsed deleted hiddenByBlock viewerCanEdit createdAt editedAt
          author { id displayName } reactions { kind count viewerReacted } replyTo { id author { displayName } }
        } } pageInfo { hasNextPage endCursor } }
      } }`;
      const count = async (first: number) => {
        const { statements, result } = await countStatements(() => t.ok<{ thread: any }>(page, { id: threadId, first }, member.token));
        expect(result.thread.posts.edges).toHaveLength(first);
        return statements.length;
      };
      const [ten, fifty] = [await count(10), await count(50)];
      console.info(`thread page SQL statements: ${ten} for 10 posts, ${fifty} for 50 posts`);
      expect(ten).toBeGreaterThan(0);
      expect(fifty).toBe(ten);
    });
  });
});
