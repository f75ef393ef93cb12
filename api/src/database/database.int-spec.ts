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
    // A living continuum: two approved mentors (one with free places for a newcomer), an active
    // pairing with its conversation, and a moderator's check-in the member answered.
    const [mentoring] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM mentor_profiles WHERE status = 'APPROVED' AND cardinality(topic_ids) > 0) AS mentors,
              (SELECT count(*)::int FROM mentor_pairings p JOIN conversations c ON c.id = p.conversation_id WHERE p.status = 'ACTIVE') AS pairings,
              (SELECT count(*)::int FROM messages) AS messages`,
    );
    expect(mentoring).toEqual({ mentors: 2, pairings: 1, messages: 5 });
    const priya = await t.ok<{ login: { token: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      { e: 'priya@kinship.local', p: DEMO_PASSWORD },
    );
    const topics = await t.ok<{ mentorTopics: { id: string; label: string }[] }>(`{ mentorTopics { id label } }`, {}, priya.login.token);
    const first = topics.mentorTopics.find((x) => x.label === 'First months after treatment')!.id;
    const { mentorSuggestions } = await t.ok<{ mentorSuggestions: { displayName: string }[] }>(
      `query($t: [ID!]!) { mentorSuggestions(topicIds: $t) { displayName } }`,
      { t: [first] },
      priya.login.token,
    );
    expect(mentorSuggestions[0].displayName).toBe('River');
  });
});
