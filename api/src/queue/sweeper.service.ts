import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { InjectLogger, Logger } from '../common/logger.module';
import { inTransaction } from '../database/transaction';
import { SCHEDULES } from './all-jobs';
import { OutboxService } from './outbox.service';

/** Finds work that is due and not done in PostgreSQL and does it; returns how many items it handled. */
export type Sweep = () => Promise<number>;

/**
 * Domains register the deadlines they keep in PostgreSQL (crisis escalations, event reminders);
 * the sweeper runs each one. Kept apart from the sweeper so that processors can register in
 * onModuleInit whatever the order modules start in.
 */
@Injectable()
export class SweepRegistry {
  readonly sweeps = new Map<string, Sweep>();

  register(name: string, sweep: Sweep): void {
    if (this.sweeps.has(name)) throw new Error(`Sweep ${name} registered twice`);
    this.sweeps.set(name, sweep);
  }
}

/**
 * PostgreSQL is the source of truth for every deadline; Redis only makes them prompt. Every
 * SWEEP_INTERVAL_MS, each worker (safe side by side: each sweep locks what it takes) runs the
 * domains' sweeps and claims the repeatable jobs that are due, queueing each through the outbox.
 * A Redis restart or flush so costs at most one interval: a crisis case is escalated within its
 * deadline plus one interval whatever Redis did.
 */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly registry: SweepRegistry,
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.next(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: the domains' sweeps, then the schedules. Errors are logged and retried next pass. */
  async sweep(): Promise<void> {
    for (const [name, sweep] of this.registry.sweeps) {
      try {
        const handled = await sweep();
        if (handled > 0) this.logger.info({ sweep: name, handled }, 'sweep found due work');
      } catch (error) {
        this.logger.warn({ sweep: name, err: (error as Error).message }, 'sweep failed; will retry');
      }
    }
    try {
      await this.claimSchedules();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not claim scheduled jobs; will retry');
    }
  }

  /**
   * Queues each repeatable job whose last run is at least its interval ago. The claim and the
   * outbox row commit together, and the conditional upsert lets one worker win each run.
   */
  async claimSchedules(): Promise<string[]> {
    const claimed: string[] = [];
    for (const { job, everyMs } of SCHEDULES) {
      await inTransaction(this.dataSource, async (manager) => {
        const [row]: { last_run_at: Date }[] = await manager.query(
          `INSERT INTO schedule_runs (name, last_run_at) VALUES ($1, now())
           ON CONFLICT (name) DO UPDATE SET last_run_at = now()
            WHERE schedule_runs.last_run_at <= now() - make_interval(secs => $2::double precision / 1000)
           RETURNING last_run_at`,
          [job.name, everyMs],
        );
        if (!row) return;
        await this.outbox.enqueue(manager, job, {}, { jobId: `${job.name}-${row.last_run_at.getTime()}` });
        claimed.push(job.name);
      });
    }
    return claimed;
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => {
        this.running = undefined;
        this.next(this.config.sweepIntervalMs);
      });
    }, delayMs);
  }
}
