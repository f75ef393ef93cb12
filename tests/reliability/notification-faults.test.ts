import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { freePort, OwnRedis, until } from './support.js';

const PASSWORD = 'a-long-enough-password';

interface Member {
  id: string;
  token: string;
}

describe('notifications survive faults', () => {
  let redis: OwnRedis;
  let stack: Stack;
  let admin: Member;
  let categoryId: string;

  const register = async (n: number): Promise<Member[]> => {
    const out: Member[] = [];
    for (let i = 0; i < n; i += 10) {
      const batch = Array.from({ length: Math.min(10, n - i) }, async () => {
        const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(`mutation { createInvite(input: {}) { code } }`, {}, admin.token);
        const name = `m${Math.random().toString(36).slice(2, 10)}`;
        const { register: r } = await stack.gql<{ register: { token: string; user: { id: string } } }>(
          `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
          { input: { inviteCode: createInvite.code, email: `${name}@example.org`, password: PASSWORD, displayName: name } },
        );
        return { id: r.user.id, token: r.token };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  };
  const thread = async (author: Member) =>
    (
      await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`,
        { input: { categoryId, title: 'Fault-tolerant thread', body: 'Testing.' } },
        author.token,
      )
    ).createThread.post.thread.id;
  const reply = (who: Member, threadId: string) =>
    stack.gql<{ reply: { post: { id: string } } }>(`mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`, { input: { threadId, body: 'hello' } }, who.token);
  const replyNotes = async (postId: string) => {
    return stack.sql<{ count: number; users: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT user_id)::int AS users FROM notifications WHERE source_key = $1`,
      [`reply:${postId}`],
    );
  };
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    stack = await Stack.start(
      {
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        JOB_LOCK_MS: '2000',
        JOB_BACKOFF_MS: '200',
        AUTH_RATE_LIMIT_PER_IP: '100000',
        PREMOD_FIRST_POSTS: '0',
      },
      { web: false },
    );
    const code = await stack.createAdminInvite('faults@program.example');
    const { register: r } = await stack.gql<{ register: { token: string; user: { id: string } } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
      { input: { inviteCode: code, email: 'faults@program.example', password: PASSWORD, displayName: 'Fault Staff' } },
    );
    admin = { id: r.user.id, token: r.token };
    categoryId = (
      await stack.gql<{ createCategory: { id: string } }>(`mutation { createCategory(input: { name: "Faults" }) { id } }`, {}, admin.token)
    ).createCategory.id;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('with Redis down a reply still succeeds within a second, and its notification arrives once Redis is back', async () => {
    const [author, replier] = await register(2);
    const threadId = await thread(author);
    await redis.stop();
    const started = performance.now();
    const { reply: r } = await reply(replier, threadId);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1000);
    expect((await replyNotes(r.post.id))[0].count).toBe(0);
    await redis.start();
    await until(async () => ((await replyNotes(r.post.id))[0].count === 1 ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await replyNotes(r.post.id)).toEqual([{ count: 1, users: 1 }]);
    console.info(`Redis down: reply answered in ${Math.round(ms)} ms; notification delivered once after Redis returned`);
  });

  it('killing the worker (SIGKILL) around a fan-out loses and duplicates nothing', async () => {
    const [author, ...watchers] = await register(41);
    const threadId = await thread(author);
    for (const w of watchers) {
      await stack.gql(`mutation($t: ID!) { watchThread(threadId: $t, watching: true) { id } }`, { t: threadId }, w.token);
    }
    const replier = watchers[0];
    const { reply: r } = await reply(replier, threadId);
    // Kill the worker as soon as the relay has handed the job to the queue.
    await until(async () => {
      const rows = await stack.sql<{ dispatched: boolean }>(`SELECT dispatched_at IS NOT NULL AS dispatched FROM outbox WHERE payload->>'postId' = $1`, [r.post.id]);
      return rows[0]?.dispatched ? true : undefined;
    });
    await stack.signal('worker', 'SIGKILL');
    const before = (await replyNotes(r.post.id))[0].count;
    stack.restart('worker');
    const expected = watchers.length; // the author and every watcher but the replier
    await until(async () => ((await replyNotes(r.post.id))[0].count === expected ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // past the lock: a stalled rerun would show now
    expect(await replyNotes(r.post.id)).toEqual([{ count: expected, users: expected }]);
    console.info(`SIGKILL: ${before} of ${expected} notifications existed at the kill; after restart ${expected}, no duplicates`);
  });

  it('SIGTERM lets the worker finish what it is doing and exit cleanly; nothing is lost', async () => {
    const [author, ...repliers] = await register(6);
    const threadId = await thread(author);
    const posts = await Promise.all(repliers.map((who) => reply(who, threadId)));
    const code = await stack.signal('worker', 'SIGTERM');
    expect(code).toBe(0);
    stack.restart('worker');
    // Every reply tells the thread's author exactly once (other repliers may watch too).
    for (const p of posts) {
      await until(async () => {
        const rows = await stack.sql<{ count: number }>(
          `SELECT count(*)::int AS count FROM notifications WHERE source_key = $1 AND user_id = $2`,
          [`reply:${p.reply.post.id}`, author.id],
        );
        return rows[0].count === 1 ? true : undefined;
      }, 30_000);
    }
    console.info(`SIGTERM: worker exited with code ${code}; all ${posts.length} notifications delivered once`);
  });
});
