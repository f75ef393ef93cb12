import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { QUEUES, QueueName } from './jobs';
import { OUTBOX_CHANNEL } from './outbox.service';
import { logErrors } from './redis-connection';
import { QueueStore } from './queue-store';

const BATCH = 200;

/**
 * Moves committed outbox rows into BullMQ, the outbox id as the job id (so a row relayed twice is
 * one job). Woken by NOTIFY at commit, and polls as a safety net. Rows go in the order they were
 * written (outbox.seq), by one worker's relay at a time (an advisory lock; the others skip their
 * turn). If the queue store (Redis, or BullMQ's PostgreSQL backend) is away, the batch rolls back and waits.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly store: QueueStore;
  private readonly queues: Map<QueueName, Queue>;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.store = new QueueStore(config, { name: 'relay', failFast: true });
    this.queues = new Map(QUEUES.map((name) => [name, logErrors(this.store.queue(name), logger, { queue: name })]));
  }

  get jobOptions(): JobsOptions {
    const { attempts, backoffMs } = this.config.worker;
    return {
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.store.disconnect();
  }

  /** Relays until the outbox is empty; resolves with the number of rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'kinship-relay' });
      client.on('error', (error) => {
        this.logger.warn({ err: error.message }, 'outbox listener lost its connection; polling only');
        this.listener = undefined;
      });
      client.on('notification', () => this.schedule(0));
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'outbox listener unavailable; polling only');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        const immediate = this.again;
        this.again = false;
        this.schedule(immediate ? 0 : this.config.outboxPollMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const moved = await this.drain();
      if (moved > 0) this.logger.debug({ moved }, 'outbox relayed');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'outbox relay failed; will retry');
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // One relay at a time, across every worker: two relaying side by side could hand Redis a
      // later row (a reminder's removal) before an earlier one (its reschedule). Another relay
      // at work now will take these rows too; this one tries again at its next wake or poll.
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay'), 0) AS locked`,
      );
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, name, payload, delay_ms, job_id, operation FROM outbox
          WHERE dispatched_at IS NULL
          ORDER BY seq
          LIMIT ${BATCH}
          FOR UPDATE`,
      );
      if (rows.length === 0) return 0;
      // Rows in order; runs of ordinary jobs go in bulk, deterministic ids one by one (remove, then add).
      let bulk: OutboxRow[] = [];
      const flush = async () => {
        for (const queueName of new Set(bulk.map((r) => r.queue))) {
          await this.queue(queueName).addBulk(
            bulk.filter((r) => r.queue === queueName).map((r) => ({ name: r.name, data: r.payload, opts: this.optionsFor(r) })),
          );
        }
        bulk = [];
      };
      for (const row of rows) {
        if (!row.job_id) {
          bulk.push(row);
          continue;
        }
        await flush();
        const queue = this.queue(row.queue);
        await queue.remove(row.job_id).catch(() => 0); // an active (locked) job finishes; its handler re-checks
        if (row.operation === 'add') await queue.add(row.name, row.payload, this.optionsFor(row));
      }
      await flush();
      await manager.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`outbox row for unknown queue ${name}`);
    return queue;
  }

  private optionsFor(row: OutboxRow): JobsOptions {
    return { ...this.jobOptions, jobId: row.job_id ?? row.id, ...(Number(row.delay_ms) > 0 ? { delay: Number(row.delay_ms) } : {}) };
  }
}

interface OutboxRow {
  id: string;
  queue: QueueName;
  name: string;
  payload: object;
  delay_ms: string | number;
  job_id: string | null;
  operation: 'add' | 'remove';
}
