import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { freePort, Member, registerAdmin, registerMembers, until } from './support.js';

/** The JSON lines one process of the stack printed. */
function logLines(stack: Stack, name: 'api' | 'worker' | 'web'): Record<string, unknown>[] {
  const prefix = `[${name}] `;
  return stack.logs
    .filter((chunk) => chunk.startsWith(prefix))
    .flatMap((chunk) => chunk.slice(prefix.length).split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * One id follows a member's request through the system: the web makes it, the api logs it on the
 * request's lines and puts it in the jobs the request queues, and the worker logs it on the job's
 * lines. Quoted from the answer's X-Request-Id, it finds everything a request did.
 */
describe('request ids and metrics', () => {
  let stack: Stack;
  let admin: Member;
  let member: Member;
  let apiMetrics: string;
  let workerMetrics: string;

  /** One sample of a metric (labels in any order), or undefined when there is none. */
  const sample = async (url: string, name: string, labels: Record<string, string> = {}) => {
    const text = await (await fetch(url)).text();
    const line = text.split('\n').find((l) => {
      if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
      return Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`));
    });
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  beforeAll(async () => {
    const [metricsPort, workerPort] = [await freePort(), await freePort()];
    apiMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
    stack = await Stack.start({
      LOG_LEVEL: 'debug',
      AUTH_RATE_LIMIT_PER_IP: '100000',
      PREMOD_FIRST_POSTS: '0',
      METRICS_PORT: String(metricsPort),
      WORKER_HEALTH_PORT: String(workerPort),
    });
    admin = await registerAdmin(stack, 'request-ids@program.example');
    [member] = await registerMembers(stack, admin, 1);
  }, 120_000);
  afterAll(() => stack?.stop());

  it("the web's id for a page view is on the api's log line for it", async () => {
    const page = await fetch(`${stack.webUrl}/`, { headers: { cookie: `kinship_session=${admin.token}` } });
    expect(page.status).toBe(200);
    const id = page.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await until(() =>
      Promise.resolve(logLines(stack, 'api').find((l) => l.requestId === id && l.msg === 'request')),
    );
    expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200, userId: admin.id });
    // Nothing but the fields meant for the log: no headers, no token, no body.
    expect(Object.keys(line).sort()).toEqual([
      'level',
      'method',
      'ms',
      'msg',
      'name',
      'operation',
      'path',
      'requestId',
      'service',
      'status',
      'time',
      'userId',
    ]);
  });

  it('the id travels with the jobs a request queues, into the worker', async () => {
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      `mutation { createCategory(input: { name: "Ids" }) { id } }`,
      {},
      admin.token,
    );
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`,
      { input: { categoryId: createCategory.id, title: 'Checking in', body: 'A good week.' } },
      member.token,
    );
    const id = 'support-ticket-0001';
    const res = await fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.token}`,
        'x-request-id': id,
      },
      body: JSON.stringify({
        query: `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
        variables: { input: { threadId: createThread.post.thread.id, body: 'Proud of you.' } },
      }),
    });
    expect(res.headers.get('x-request-id')).toBe(id);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();

    const queued = await stack.sql<{ name: string }>(
      `SELECT name FROM outbox WHERE payload->>'_requestId' = $1`,
      [id],
    );
    expect(queued.length).toBeGreaterThan(0);
    const done = await until(() =>
      Promise.resolve(
        logLines(stack, 'worker').find(
          (l) => l.requestId === id && l.msg === 'job done' && l.job === queued[0].name,
        ),
      ),
    );
    expect(done).toBeTruthy();
    // The handler saw its own payload: the reply notice reached the thread's author.
    await until(async () => {
      const [row] = await stack.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'REPLY'`,
        [member.id],
      );
      return row.n === 1 ? true : undefined;
    });
  });

  it('an id that could forge a log line is replaced by a new one', async () => {
    for (const bad of ['short', 'two words here', 'x'.repeat(101), 'id"},"level":60']) {
      const res = await fetch(`${stack.apiUrl}/health/live`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('serves Prometheus metrics on their own port only: requests by operation, queues, outbox, crisis age, jobs', async () => {
    expect((await fetch(`${stack.apiUrl}/metrics`)).status).toBe(404);

    const before =
      (await sample(apiMetrics, 'kinship_http_request_duration_seconds_count', {
        operation: 'Probe',
        status: '200',
      })) ?? 0;
    for (let i = 0; i < 3; i++) {
      await fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
        body: JSON.stringify({ query: 'query Probe { me { id } }', operationName: 'Probe' }),
      });
    }
    expect(
      await sample(apiMetrics, 'kinship_http_request_duration_seconds_count', {
        operation: 'Probe',
        status: '200',
      }),
    ).toBe(before + 3);

    // A crisis post nobody has acknowledged: its age is reported.
    expect(await sample(apiMetrics, 'kinship_oldest_unacknowledged_crisis_seconds')).toBe(0);
    const { createCategory } = await stack.gql<{ createCategory: { id: string } }>(
      `mutation { createCategory(input: { name: "Metrics" }) { id } }`,
      {},
      admin.token,
    );
    await stack.gql(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`,
      {
        input: {
          categoryId: createCategory.id,
          title: 'A hard night',
          body: 'I want to end it all tonight.',
        },
      },
      member.token,
    );
    expect(await sample(apiMetrics, 'kinship_oldest_unacknowledged_crisis_seconds')).toBeGreaterThan(0);
    expect(await sample(apiMetrics, 'kinship_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(await sample(apiMetrics, 'kinship_queue_jobs', { queue: 'notifications', state: 'failed' })).toBe(
      0,
    );
    expect(await sample(apiMetrics, 'kinship_process_resident_memory_bytes')).toBeGreaterThan(0);

    // The worker counts the jobs it ran (the crisis case's notices among them).
    await until(async () =>
      ((await sample(workerMetrics, 'kinship_jobs_total', { outcome: 'done' })) ?? 0) > 0 ? true : undefined,
    );
  });

  it('caps the operation names it keeps, so a caller cannot grow the series without end', async () => {
    for (let i = 0; i < 220; i++) {
      await fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query Flood${i} { me { id } }`, operationName: `Flood${i}` }),
      });
    }
    const text = await (await fetch(apiMetrics)).text();
    const names = new Set(
      text
        .split('\n')
        .filter((line) => line.startsWith('kinship_http_request_duration_seconds_count{'))
        .map((line) => /operation="([^"]+)"/.exec(line)?.[1]),
    );
    // At most 200 operation names, then 'other' (plus the few routes of plain HTTP requests).
    expect(names.size).toBeLessThanOrEqual(200 + 1 + 5);
    expect(names.has('other')).toBe(true);
  });
});
