import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { Client } from 'pg';

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) { edges { cursor node { id snippetHtml thread { title } } } pageInfo { hasNextPage endCursor } }
}`;

describe('search', () => {
  let t: TestHarness;
  let admin: Member;
  let author: Member;
  let reader: Member;
  let categoryId: string;

  beforeAll(async () => {
    // A short search timeout (the default is 3 s) keeps the timeout test quick.
    ({ t, admin, members: [author, reader], categoryId } = await startCommunity({
      env: { SEARCH_TIMEOUT_MS: '500' },
      members: 2,
      category: true,
    }));
  });
  afterAll(() => t?.stop());

  const ids = async (q: string, who: Member = reader) =>
    (await t.ok<{ search: any }>(SEARCH, { q }, who.token)).search.edges.map((e: any) => e.node.id);

  it('needs a session and a query of 1 to 200 characters', async () => {
    expect(errorOf(await t.gql(SEARCH, { q: 'walk' })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(SEARCH, { q: '   ' }, reader.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(errorOf(await t.gql(SEARCH, { q: 'x'.repeat(201) }, reader.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('finds titles and bodies, best match first, with escaped, highlighted snippets', async () => {
    const inTitle = await createThread(t, author, categoryId, 'Gardening keeps me grounded', 'Tomatoes this year.');
    const inBody = await reply(t, reader, inTitle.threadId, 'Weeding the garden & "beds" <script>alert(1)</script> every morning helps with cravings.');
    const results = await t.ok<{ search: any }>(SEARCH, { q: 'gardening' }, reader.token);
    const nodes = results.search.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.id)).toEqual([inTitle.postId, inBody]);
    expect(nodes[1].snippetHtml).toContain('<mark>garden</mark>');
    expect(nodes[1].snippetHtml).toContain('&amp; &quot;beds&quot;');
    expect(nodes[1].snippetHtml).not.toContain('<script');
    expect(nodes[0].thread.title).toBe('Gardening keeps me grounded');
  });

  it('pages by cursor without repeats or gaps', async () => {
    const { threadId } = await createThread(t, author, categoryId, 'Meditation thread', 'meditation meditation meditation');
    for (let i = 0; i < 6; i++) await reply(t, author, threadId, `meditation note ${i}${' meditation'.repeat(i % 3)}`);
    const all = await ids('meditation');
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const { search }: { search: any } = await t.ok(SEARCH, { q: 'meditation', first: 2, after }, reader.token);
      paged.push(...search.edges.map((e: any) => e.node.id));
      after = search.pageInfo.hasNextPage ? search.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(7);
  });

  it('never returns hidden, pending, removed, deleted or blocked content', async () => {
    const { threadId } = await createThread(t, author, categoryId, 'Kayaking plans', 'Anyone up for kayaking?');
    const hidden = await reply(t, author, threadId, 'kayaking hidden');
    const pending = await reply(t, author, threadId, 'kayaking pending');
    const removed = await reply(t, author, threadId, 'kayaking removed');
    const deleted = await reply(t, author, threadId, 'kayaking deleted');
    const visible = await reply(t, author, threadId, 'kayaking visible');
    await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [hidden]);
    await t.dataSource.query(`UPDATE posts SET status = 'PENDING_REVIEW' WHERE id = $1`, [pending]);
    await t.dataSource.query(`UPDATE posts SET status = 'REMOVED' WHERE id = $1`, [removed]);
    await t.dataSource.query(`UPDATE posts SET deleted_at = now() WHERE id = $1`, [deleted]);
    const found = await ids('kayaking');
    expect(found).toContain(visible);
    for (const id of [hidden, pending, removed, deleted]) expect(found).not.toContain(id);
    // Not even their own author or a moderator finds them through search.
    for (const id of [hidden, pending, removed]) expect(await ids('kayaking', author)).not.toContain(id);

    const blocker = await createMember(t, admin);
    await t.ok(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: author.id }, blocker.token);
    expect(await ids('kayaking', blocker)).toEqual([]);
    expect(await ids('kayaking', author)).not.toEqual([]);
    const blockerPost = await createThread(t, blocker, categoryId, 'Kayaking solo', 'kayaking alone');
    expect(await ids('kayaking', author)).not.toContain(blockerPost.postId);
  });

  it('answers pathological input with results or nothing, never an error', async () => {
    const { postId } = await createThread(t, author, categoryId, 'Cooking without wine', 'Recipes that skip the wine.');
    for (const q of [
      "wine'",
      'wine & | ! ( ) :* <-> \\',
      '"unterminated quote',
      '-wine',
      'the and of',
      '😀🙏',
      'a'.repeat(200),
      "'; DROP TABLE posts; --",
      '%_%',
    ]) {
      const res = await t.gql(SEARCH, { q }, reader.token);
      expect(res.errors, q).toBeUndefined();
    }
    expect(await ids('cooking wine')).toContain(postId);
    expect(await ids('the and of')).toEqual([]);
  });

  it('runs the api on a statement timeout, and gives up on a search that outlasts its own shorter one', async () => {
    // Every pooled connection carries DB_STATEMENT_TIMEOUT_MS (15 s by default).
    const [{ statement_timeout }] = await t.dataSource.query(`SHOW statement_timeout`);
    expect(statement_timeout).toBe('15s');

    // A search that cannot finish (here: posts is locked by another session, so the statement
    // waits) is cancelled at SEARCH_TIMEOUT_MS and answered with an error naming the query; its
    // connection goes back to the pool instead of waiting out the 15 s.
    const locker = new Client({ connectionString: t.config.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE posts IN ACCESS EXCLUSIVE MODE');
      const results = await Promise.all(Array.from({ length: 12 }, () => t.gql(SEARCH, { q: 'gardening' }, reader.token)));
      for (const res of results) {
        expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
        expect(errorOf(res).message).toMatch(/took too long/);
      }
      // More searches than the pool has connections were answered, so none is still held.
      const [{ waiting }] = await t.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(waiting).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await ids('gardening')).not.toEqual([]);
  });
});
