import { createPostgresBackend, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import type { PostgresPoolConfig } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '../config/config';
import { QueueName } from './jobs';
import { producerConnection, workerConnection } from './redis-connection';

/** The PostgreSQL schema BullMQ's own tables live in (made and migrated by BullMQ itself). */
export const QUEUE_SCHEMA = 'bullmq';

/**
 * Where BullMQ keeps its jobs, chosen by QUEUE_BACKEND: Redis (the recommended production store)
 * or BullMQ's PostgreSQL backend (one server less; `npm start` picks it when no Redis answers).
 * Every Queue and Worker is built here, so nothing else knows which store runs.
 *
 * One store per owner (the relay, the workers, the admin view): its Redis producer connection is
 * shared by the owner's queues and closed by disconnect(). `failFast` producers give up at once
 * while the store is away (the relay rolls back and tries again); the others wait for it.
 */
export class QueueStore {
  private producer?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly owner: { name: string; failFast?: boolean },
  ) {}

  get backend(): AppConfig['queueBackend'] {
    return this.config.queueBackend;
  }

  queue(name: QueueName): Queue {
    if (this.backend === 'postgres') {
      return new Queue(name, { connection: this.postgres(2) }, createPostgresBackend) as unknown as Queue;
    }
    this.producer ??= producerConnection(this.config.redisUrl, this.owner.failFast ? {} : { enableOfflineQueue: true });
    return new Queue(name, { connection: this.producer, prefix: this.config.redisPrefix });
  }

  worker(name: QueueName, processor: Processor, options: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker {
    if (this.backend === 'postgres') {
      const connections = (options.concurrency ?? 1) + 2;
      return new Worker(name, processor, { ...options, connection: this.postgres(connections) }, createPostgresBackend) as unknown as Worker;
    }
    return new Worker(name, processor, { ...options, connection: workerConnection(this.config.redisUrl), prefix: this.config.redisPrefix });
  }

  /** Closes the shared Redis connection; close the owner's queues and workers first. */
  disconnect(): void {
    this.producer?.disconnect();
    this.producer = undefined;
  }

  private postgres(max: number): PostgresPoolConfig {
    return {
      connectionString: this.config.databaseUrl,
      schema: QUEUE_SCHEMA,
      migrate: true,
      max,
      application_name: `kinship-queue-${this.owner.name}`,
      connectionTimeoutMillis: this.config.database.connectTimeoutMs,
    };
  }
}
