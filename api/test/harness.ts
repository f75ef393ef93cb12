import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { inject } from 'vitest';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/config';
import { WorkerModule } from '../src/worker.module';
import { OutboxRelay } from '../src/queue/outbox-relay.service';
import { QUEUES } from '../src/queue/jobs';
import { QueueStore } from '../src/queue/queue-store';
import { dropDatabase, uniqueName, urlFor, withAdmin } from './database';

export interface GqlResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/**
 * One test file's world: its own database cloned from the migrated template, its own Redis key
 * prefix, the api over real HTTP, and (on demand) a worker.
 */
export class TestHarness {
  app!: INestApplication;
  worker?: INestApplicationContext;
  config!: AppConfig;
  env!: Record<string, string>;
  private database!: string;

  static async start(env: Record<string, string> = {}): Promise<TestHarness> {
    const harness = new TestHarness();
    harness.database = uniqueName('kinship_test');
    const template = inject('templateDatabase');
    await withAdmin((c) => c.query(`CREATE DATABASE "${harness.database}" TEMPLATE "${template}"`));
    harness.env = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
      DATABASE_URL: urlFor(harness.database),
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      // QUEUE_BACKEND=postgres runs a suite on BullMQ's PostgreSQL backend instead (queue-backends.int-spec.ts runs both).
      QUEUE_BACKEND: process.env.QUEUE_BACKEND || 'redis',
      REDIS_PREFIX: uniqueName('kt'),
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      // Many sign-ups come from one test process; the limits have their own test (rate-limit.int-spec.ts).
      AUTH_RATE_LIMIT_PER_IP: '100000',
      FLAG_RATE_LIMIT_PER_HOUR: '100000',
      OUTBOX_POLL_MS: '100',
      // Posting intervals are tested on their own (posting-limits.int-spec.ts); elsewhere they would only slow tests.
      POST_INTERVAL_SECONDS: '0',
      POST_INTERVAL_SECONDS_NEW_MEMBER: '0',
      THREAD_INTERVAL_SECONDS: '0',
      THREAD_INTERVAL_SECONDS_NEW_MEMBER: '0',
      // Pre-moderation of first posts has its own tests (moderation/moderation-settings.int-spec.ts).
      PREMOD_FIRST_POSTS: '0',
      CRISIS_ESCALATION_SECONDS: '2',
      JOB_BACKOFF_MS: '50',
      ...env,
    };
    harness.config = loadConfig(harness.env);
    harness.app = await createApp(harness.config);
    await harness.app.init();
    return harness;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async startWorker(): Promise<INestApplicationContext> {
    this.worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(this.config), { logger: false, abortOnError: false });
    await this.worker.init();
    return this.worker;
  }

  /** A worker on the same database with some settings changed (e.g. another REDIS_URL). */
  static async workerFor(harness: TestHarness, env: Record<string, string>): Promise<INestApplicationContext> {
    const config = loadConfig({ ...harness.env, ...env });
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false, abortOnError: false });
    await worker.init();
    return worker;
  }

  /**
   * Waits until every committed outbox row is relayed and every job due now has run (delayed jobs,
   * such as repeatable schedules and crisis escalations, are not waited for).
   */
  async settled(timeoutMs = 15_000): Promise<void> {
    await this.worker!.get(OutboxRelay).drain();
    const store = new QueueStore(this.config, { name: 'test' });
    const queues = QUEUES.map((name) => store.queue(name));
    try {
      await eventually(async () => {
        const [{ pending }]: { pending: number }[] = await this.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`,
        );
        if (pending > 0) return undefined;
        for (const queue of queues) {
          const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
          if (Object.values(counts).some((n) => n > 0)) return undefined;
        }
        return true;
      }, timeoutMs);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
      store.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.app?.close();
    if (this.config.queueBackend === 'redis') await this.deleteRedisKeys();
    await dropDatabase(this.database);
  }

  private async deleteRedisKeys(): Promise<void> {
    const redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      const keys = await redis.keys(`${this.config.redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
    } catch {
      // This test pointed at an unreachable Redis on purpose: nothing was written there.
    } finally {
      redis.disconnect();
    }
  }

  /** POST /graphql as the holder of `token` (or signed out). */
  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlResponse<T>> {
    const req = request(this.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return res.body as GqlResponse<T>;
  }

  /** Like gql, but fails the test on any error and returns `data`. */
  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await this.gql<T>(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  http() {
    return request(this.app.getHttpServer());
  }
}

/** The first error's code, message and field, for compact assertions. */
export function errorOf(res: GqlResponse<unknown>): { code?: unknown; message?: string; field?: unknown } {
  const error = res.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message, field: error?.extensions?.field };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The SQL statements TypeORM sends while `work` runs (every query of this process goes through a
 * PostgresQueryRunner), with what `work` returned.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ statements: string[]; result: T }> {
  const statements: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, called with its own `this`
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, query: string, ...rest: never[]) {
    statements.push(query);
    return original.call(this, query, ...rest);
  } as typeof original;
  try {
    return { statements, result: await work() };
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
}
