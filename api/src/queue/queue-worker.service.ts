import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { ALL_JOBS, SCHEDULES } from './all-jobs';
import { JobRegistry } from './job-registry';
import { QUEUES, REQUEST_ID_KEY } from './jobs';
import { withRequestId } from '../common/request-context';
import { Metrics } from '../health/metrics';
import { logErrors } from './redis-connection';
import { QueueStore } from './queue-store';

/** Runs one BullMQ worker per queue and hands each job to its registered handler. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Processors registered their handlers in onModuleInit, which has run for every module now.
    this.registry.assertComplete(ALL_JOBS);
    this.workers = QUEUES.map((queue) => {
      const worker = new QueueStore(this.config, { name: 'worker' }).worker(queue, (job: Job<object>) => this.run(job), {
        concurrency: this.config.worker.concurrency,
        // A job whose worker died is noticed and run again once its lock lapses.
        lockDuration: this.config.worker.lockMs,
        stalledInterval: this.config.worker.lockMs,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message, requestId: requestIdOf(job) },
          'job failed',
        ),
      );
      logErrors(worker, this.logger, { queue });
      return worker;
    });
    this.logger.info({ queues: QUEUES, concurrency: this.config.worker.concurrency, store: this.config.queueBackend }, 'workers started');
    if (this.config.queueBackend === 'redis') await this.removeLegacySchedulers();
  }

  /** Runs one job; its log lines (this one too) carry the id of the request that queued it. */
  private async run(job: Job<object>): Promise<void> {
    const started = process.hrtime.bigint();
    await withRequestId(requestIdOf(job), async () => {
      try {
        await this.registry.dispatch(job);
      } catch (error) {
        this.metrics.jobs.inc({ job: job.name, outcome: 'failed' });
        throw error;
      }
      this.metrics.jobs.inc({ job: job.name, outcome: 'done' });
      this.logger.debug({ job: job.name, jobId: job.id, ms: Number((process.hrtime.bigint() - started) / 1_000_000n) }, 'job done');
    });
  }

  /**
   * Schedules are claimed in PostgreSQL now (sweeper.service.ts); BullMQ job schedulers left in
   * Redis by an earlier version would run each job a second time, so they are removed.
   */
  private async removeLegacySchedulers(): Promise<void> {
    const store = new QueueStore(this.config, { name: 'legacy-schedules' });
    try {
      for (const { job } of SCHEDULES) {
        const queue = logErrors(store.queue(job.queue), this.logger, { queue: job.queue });
        await queue.removeJobScheduler(job.name);
        await queue.close();
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not look for old job schedulers; will look again at next start');
    } finally {
      store.disconnect();
    }
  }

  /**
   * SIGTERM: stop taking jobs and let the active ones finish (Worker.close waits for them). Before
   * shutdown proper: onApplicationShutdown closes the database pool, which the active jobs still need.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.info('workers stopped');
  }
}

function requestIdOf(job: Job<object> | undefined): string | undefined {
  const id = (job?.data as Record<string, unknown> | undefined)?.[REQUEST_ID_KEY];
  return typeof id === 'string' ? id : undefined;
}
