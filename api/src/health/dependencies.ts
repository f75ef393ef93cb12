import type { DataSource } from 'typeorm';
import type { RedisClient } from '../common/redis.module';

/** `redis: 'not used'` when the queues run on PostgreSQL (QUEUE_BACKEND=postgres). */
export type Dependencies = { database: 'ok' | 'down'; redis: 'ok' | 'down' | 'not used' };

const CHECK_TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Asks PostgreSQL and Redis (when used) for an answer, each within 2 s. */
export async function checkDependencies(dataSource: DataSource, redis: RedisClient): Promise<Dependencies> {
  const [database, cache] = await Promise.all([
    within(dataSource.query('SELECT 1')).then(() => 'ok' as const, () => 'down' as const),
    redis ? within(redis.ping()).then(() => 'ok' as const, () => 'down' as const) : ('not used' as const),
  ]);
  return { database, redis: cache };
}

/**
 * Ready means PostgreSQL answers. Redis is reported but not required: while it is away, jobs wait
 * as outbox rows and deadlines as rows the sweeper reads (queue: "outbox"), so an orchestrator
 * must not take a healthy process out of service, or restart it, for a Redis blip. With the
 * queues on PostgreSQL (queue: "postgres") the database is the only dependency.
 */
export function readiness(deps: Dependencies): { ready: boolean; body: Record<string, string> } {
  const ready = deps.database === 'ok';
  return {
    ready,
    body: { status: ready ? 'ok' : 'error', ...deps, queue: deps.redis === 'not used' ? 'postgres' : deps.redis === 'ok' ? 'redis' : 'outbox' },
  };
}
