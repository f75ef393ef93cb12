import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { BenchContext } from '../context.js';
import { round } from '../load.js';
import { body, login, post } from '../operations.js';
import { SEED_PASSWORD } from '../seed.js';

export interface FanOut {
  watchers: number;
  /** From sending the reply to the last of the watchers' notifications existing. */
  fanOutMs: number;
  /** addBulk of as many no-op jobs until a worker of the same concurrency has run them all. */
  floorMs: number;
  concurrency: number;
  /** Fan-out throughput over BullMQ's floor throughput (floorMs / fanOutMs). */
  ratio: number;
}

/** Polls until `check` holds, every `everyMs`; fails after `timeoutMs`. */
async function until(
  check: () => Promise<boolean>,
  everyMs: number,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Figure 5: member 2 replies, through the api, in the thread member 3 started, which `watchers`
 * members watch; the clock runs from sending the reply until that many REPLY notifications exist
 * (outbox, relay, queue, worker, one INSERT ... SELECT). The floor: BullMQ alone on the same Redis
 * moving the same number of no-op jobs through a worker of the api worker's concurrency.
 */
export async function fanOut(ctx: BenchContext): Promise<FanOut> {
  const watchers = ctx.scale.watchers;
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM thread_watches WHERE thread_id = $1 AND watching`,
    [ctx.world.fanOutThreadId],
  );
  if (rows[0].n !== watchers)
    throw new Error(`the fan-out thread has ${rows[0].n} watchers, not ${watchers}`);
  const replier = await login(ctx.apiUrl, ctx.world.replierEmail, SEED_PASSWORD);

  const started = performance.now();
  const { data } = await post<{ reply: { post: { id: string } } }>(
    `${ctx.apiUrl}/graphql`,
    body('Reply', {
      input: { threadId: ctx.world.fanOutThreadId, body: 'Thank you all for being here this week.' },
    }),
    replier,
  );
  const sourceKey = `reply:${data.reply.post.id}`;
  await until(
    async () => {
      const { rows: counted } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE source_key = $1`,
        [sourceKey],
      );
      return counted[0].n >= watchers;
    },
    20,
    120_000,
    `${watchers} reply notifications`,
  );
  const fanOutMs = performance.now() - started;
  const floorMs = await bullmqFloor(ctx, watchers);
  return {
    watchers,
    fanOutMs: round(fanOutMs, 0),
    floorMs: round(floorMs, 0),
    concurrency: ctx.workerConcurrency,
    ratio: round(floorMs / fanOutMs),
  };
}

/** BullMQ's own floor: `jobs` no-op jobs added with addBulk, run by one Worker of the api's concurrency. */
async function bullmqFloor(ctx: BenchContext, jobs: number): Promise<number> {
  const name = 'bench-floor';
  const connection = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: ctx.redisPrefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(name, () => Promise.resolve(), {
    connection: workerConnection,
    prefix: ctx.redisPrefix,
    concurrency: ctx.workerConcurrency,
  });
  worker.on('completed', () => {
    if (++done === jobs) finish();
  });
  try {
    await worker.waitUntilReady();
    const started = performance.now();
    // The same job options the api's outbox relay uses.
    await queue.addBulk(
      Array.from({ length: jobs }, (_, i) => ({
        name: 'noop',
        data: { i },
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 86_400, count: 10_000 },
          removeOnFail: { age: 30 * 86_400 },
        },
      })),
    );
    const timeout = setTimeout(() => finish(), 120_000);
    await finished;
    clearTimeout(timeout);
    if (done < jobs) throw new Error(`BullMQ floor: only ${done} of ${jobs} jobs ran within 120 s`);
    return performance.now() - started;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    workerConnection.disconnect();
  }
}
