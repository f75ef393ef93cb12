import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { OwnPostgres } from './own-postgres.js';
import { freePort, OwnRedis, until } from './support.js';

const PASSWORD = 'a-long-enough-password';

type Answer = { status: number; code?: string; message?: string; id?: string };

/**
 * The built api and worker on a PostgreSQL and a Redis of the test's own, which are stopped and
 * started under them: while PostgreSQL is away every request is answered at once with a 503 the
 * client can retry, the health checks say so, nothing is half-written, and both processes recover
 * by themselves when it is back.
 */
describe('outages of PostgreSQL and Redis', () => {
  let db: OwnPostgres;
  let redis: OwnRedis;
  let stack: Stack;
  let workerHealth: string;
  let admin: { id: string; token: string };
  let categoryId: string;

  const call = async (
    query: string,
    variables: Record<string, unknown> = {},
    token = admin.token,
  ): Promise<Answer & { data?: any }> => {
    const res = await fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return {
      status: res.status,
      code: body.errors?.[0]?.extensions?.code,
      message: body.errors?.[0]?.message,
      data: body.data,
    };
  };
  const health = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    db = new OwnPostgres(await freePort());
    await db.start();
    redis = new OwnRedis(await freePort());
    await redis.start();
    const workerPort = await freePort();
    workerHealth = `http://127.0.0.1:${workerPort}`;
    stack = await Stack.start(
      {
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        WORKER_HEALTH_PORT: String(workerPort),
        DB_CONNECT_TIMEOUT_MS: '1000',
        AUTH_RATE_LIMIT_PER_IP: '100000',
        PREMOD_FIRST_POSTS: '0',
      },
      { web: false, adminUrl: db.url },
    );
    const code = await stack.createAdminInvite('outages@program.example');
    const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
      {
        input: {
          inviteCode: code,
          email: 'outages@program.example',
          password: PASSWORD,
          displayName: 'Outage Staff',
        },
      },
    );
    admin = { id: register.user.id, token: register.token };
    categoryId = (
      await stack.gql<{ createCategory: { id: string } }>(
        `mutation { createCategory(input: { name: "Outages" }) { id } }`,
        {},
        admin.token,
      )
    ).createCategory.id;
  }, 120_000);

  afterAll(async () => {
    try {
      await db?.start().catch(() => undefined);
      await stack?.stop();
    } finally {
      await redis?.stop();
      await db?.destroy();
    }
  });

  it('answers 503 while PostgreSQL is down, reports it, leaves no partial write, and recovers by itself', async () => {
    expect(await health(`${stack.apiUrl}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'ok', redis: 'ok', queue: 'redis' },
    });
    expect((await health(`${workerHealth}/health/ready`)).status).toBe(200);

    // Four writers create threads (a thread and its first post, in one transaction) back to back
    // while PostgreSQL is stopped under them.
    const answers: Answer[] = [];
    let writing = true;
    const writer = async (n: number) => {
      for (let i = 0; writing; i++) {
        const res = await call(
          `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`,
          { input: { categoryId, title: `Writer ${n} thread ${i}`, body: `Body ${n}.${i}` } },
        );
        answers.push({
          status: res.status,
          code: res.code,
          message: res.message,
          id: res.data?.createThread?.post.id,
        });
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    await until(() => Promise.resolve(answers.filter((a) => a.id).length >= 20 ? true : undefined));
    await db.stop();
    // Writes keep arriving while it is down; each is refused with a 503 the client may retry.
    await until(() =>
      Promise.resolve(answers.filter((a) => a.status === 503).length >= 8 ? true : undefined),
    );

    const down = await call(`{ me { id } }`);
    expect(down).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(down.message).toMatch(/can't reach its database just now/);
    expect(await health(`${stack.apiUrl}/health/ready`)).toMatchObject({
      status: 503,
      body: { status: 'error', database: 'down' },
    });
    expect(await health(`${stack.apiUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await health(`${workerHealth}/health/ready`)).toMatchObject({
      status: 503,
      body: { database: 'down' },
    });
    expect(await health(`${workerHealth}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });

    writing = false;
    await Promise.all(writers);
    // Every failure was the clear, retryable one; none was a generic server error.
    const failed = answers.filter((a) => !a.id);
    expect(failed.length).toBeGreaterThanOrEqual(8);
    for (const a of failed)
      expect(a, JSON.stringify(a)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });

    await db.start();
    // Neither process is restarted: each finds PostgreSQL again by itself, sessions intact.
    await until(
      async () => ((await health(`${stack.apiUrl}/health/ready`)).status === 200 ? true : undefined),
      30_000,
    );
    await until(
      async () => ((await health(`${workerHealth}/health/ready`)).status === 200 ? true : undefined),
      30_000,
    );
    expect(await call(`{ me { id } }`)).toMatchObject({ status: 200, data: { me: { id: admin.id } } });

    // No partial writes: every thread answered "created" is there with its first post, and no
    // thread anywhere lacks one.
    const rows = await stack.sql<{ thread_id: string; first_post: string | null }>(
      `SELECT t.id AS thread_id, (SELECT p.id FROM posts p WHERE p.thread_id = t.id AND p.position = 1) AS first_post
         FROM threads t WHERE t.category_id = $1`,
      [categoryId],
    );
    expect(rows.filter((r) => r.first_post === null)).toEqual([]);
    const stored = rows.map((r) => r.first_post);
    const created = answers.filter((a) => a.id).map((a) => a.id);
    for (const id of created) expect(stored).toContain(id);
    // At most the four requests caught mid-commit can be there unanswered.
    expect(rows.length).toBeLessThanOrEqual(created.length + 4);

    const res = await call(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`,
      {
        input: { categoryId, title: 'After the restart', body: 'Back again.' },
      },
    );
    expect(res.data?.createThread?.post.id).toBeTruthy();
  }, 120_000);

  it('stays ready while Redis is down (jobs wait in the outbox), says so, and logs the lost connection as JSON', async () => {
    await redis.stop();
    try {
      // What the processes print while Redis is away: JSON lines only, never a raw stack.
      const printed = (name: string) =>
        stack.logs
          .filter((chunk) => chunk.startsWith(`[${name}] `))
          .flatMap((chunk) => chunk.slice(name.length + 3).split('\n'))
          .filter((line) => line.trim() !== '');
      await until(() =>
        Promise.resolve(
          printed('worker').some((line) => line.includes('"redis connection error"')) ? true : undefined,
        ),
      );
      const ready = await until(async () => {
        const h = await health(`${stack.apiUrl}/health/ready`);
        return h.body.redis === 'down' ? h : undefined;
      });
      expect(ready).toEqual({
        status: 200,
        body: { status: 'ok', database: 'ok', redis: 'down', queue: 'outbox' },
      });
      const worker = await until(async () => {
        const h = await health(`${workerHealth}/health/ready`);
        return h.body.redis === 'down' ? h : undefined;
      });
      expect(worker.status).toBe(200);
      for (const name of ['api', 'worker']) {
        expect(printed(name).filter((line) => !line.startsWith('{'))).toEqual([]);
      }
    } finally {
      await redis.start();
    }
  }, 60_000);

  it('ends open live-badge streams at SIGTERM so shutdown does not wait on them', async () => {
    const res = await fetch(`${stack.apiUrl}/notifications/stream`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^event: unread/);
    const exited = stack.signal('api', 'SIGTERM');
    // The api ends the stream itself, cleanly (the client never lets go). Left open, the stream
    // would hold Apollo's drain for 10 s and then be cut off: read() would throw "terminated".
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('docker-compose.yml health checks', () => {
  const compose = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docker-compose.yml'),
    'utf8',
  );
  const service = (name: string) =>
    new RegExp(`\\n {2}${name}:\\n([\\s\\S]*?)(?=\\n {2}[a-z-]+:\\n|\\nvolumes:)`).exec(compose)?.[1] ?? '';

  it('checks readiness (PostgreSQL), not Redis, for the api and the worker', () => {
    expect(service('api')).toMatch(/127\.0\.0\.1:4000\/health\/ready/);
    expect(service('worker')).toMatch(/WORKER_HEALTH_PORT: '4001'/);
    expect(service('worker')).toMatch(/127\.0\.0\.1:4001\/health\/ready/);
  });

  it('gives each app more time to stop than its own drain takes (25 s for api and worker, 30 s for the web)', () => {
    const grace = (name: string) => Number(/stop_grace_period: (\d+)s/.exec(service(name))?.[1]);
    expect(grace('api')).toBeGreaterThan(25);
    expect(grace('worker')).toBeGreaterThan(25);
    expect(grace('web')).toBeGreaterThan(30);
  });
});
