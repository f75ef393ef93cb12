import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { ALL_JOBS, SCHEDULES } from './all-jobs';
import { JobRegistry } from './job-registry';
import { QUEUES } from './jobs';
import { producerConnection, workerConnection } from './redis-connection';

/** Runs one BullMQ worker per queue and hands each job to its registered handler. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Processors registered their handlers in onModuleInit, which has run for every module now.
    this.registry.assertComplete(ALL_JOBS);
    this.workers = QUEUES.map((queue) => {
      const worker = new Worker(queue, (job: Job<object>) => this.registry.dispatch(job), {
        connection: workerConnection(this.config.redisUrl),
        prefix: this.config.redisPrefix,
        concurrency: this.config.worker.concurrency,
        // A job whose worker died is noticed and run again once its lock lapses.
        lockDuration: this.config.worker.lockMs,
        stalledInterval: this.config.worker.lockMs,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.warn({ queue, err: error.message }, 'worker error'));
      return worker;
    });
    this.logger.info({ queues: QUEUES, concurrency: this.config.worker.concurrency }, 'workers started');
    await this.removeLegacySchedulers();
  }

  /**
   * Schedules are claimed in PostgreSQL now (sweeper.service.ts); BullMQ job schedulers left in
   * Redis by an earlier version would run each job a second time, so they are removed.
   */
  private async removeLegacySchedulers(): Promise<void> {
    const connection = producerConnection(this.config.redisUrl, { enableOfflineQueue: true });
    try {
      for (const { job } of SCHEDULES) {
        const queue = new Queue(job.queue, { connection, prefix: this.config.redisPrefix });
        await queue.removeJobScheduler(job.name);
        await queue.close();
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not look for old job schedulers; will look again at next start');
    } finally {
      connection.disconnect();
    }
  }

  /** SIGTERM: stop taking jobs and let the active ones finish (Worker.close waits for them). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.info('workers stopped');
  }
}
