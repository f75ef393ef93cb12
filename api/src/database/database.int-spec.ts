import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../test/harness';
import { DEMO_PASSWORD, seedDemo } from '../cli/seed';

describe('database', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  it('the committed migrations produce exactly the schema the entities describe', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(
      pending.upQueries.map((q) => q.query),
      'entities and migrations disagree: generate a migration with `npm run migration:generate -w api -- src/database/migrations/<Name>`',
    ).toEqual([]);
  });

  it('the demo seed runs on an empty database only, and its members can sign in', async () => {
    expect(await seedDemo(t.dataSource, true)).toBe(true);
    expect(await seedDemo(t.dataSource, true)).toBe(false);
    const [{ users, categories, threads, posts }] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM categories WHERE slug <> 'milestone-wall') AS categories,
              (SELECT count(*)::int FROM threads) AS threads, (SELECT count(*)::int FROM posts) AS posts`,
    );
    expect({ users, categories, threads }).toEqual({ users: 8, categories: 6, threads: 12 });
    expect(posts).toBeGreaterThan(30);
    const { login } = await t.ok<{ login: { user: { role: string } } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { role } } }`,
      { e: 'admin@kinship.local', p: DEMO_PASSWORD },
    );
    expect(login.user.role).toBe('ADMIN');
    // Reply counts agree with the posts actually stored.
    const mismatched = await t.dataSource.query(
      `SELECT t.id FROM threads t WHERE t.reply_count <> (SELECT count(*) - 1 FROM posts p WHERE p.thread_id = t.id)`,
    );
    expect(mismatched).toEqual([]);
  });
});
