import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Field, ID, Int, ObjectType, Query, Mutation, Args, Resolver } from '@nestjs/graphql';
import { Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { RequireRole } from '../auth/decorators';
import { notFound } from '../graphql/errors';
import { QUEUES } from './jobs';
import { QueueStore } from './queue-store';

@ObjectType({ description: 'A job that used up its retries; kept 30 days for admins to inspect or retry.' })
export class FailedJob {
  @Field()
  queue: string;

  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  attempts: number;

  @Field({ description: 'The last error message (no personal data: jobs carry ids only).' })
  reason: string;

  @Field()
  failedAt: Date;
}

@ObjectType()
export class QueueCounts {
  @Field()
  queue: string;

  @Field(() => Int)
  waiting: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  delayed: number;

  @Field(() => Int)
  failed: number;
}

/** Admins' view of the job queues: counts, failed jobs, and retry. */
@Injectable()
export class QueueInspector implements OnApplicationShutdown {
  private readonly store: QueueStore;
  private queues?: Queue[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.store = new QueueStore(config, { name: 'admin' });
  }

  private all(): Queue[] {
    // Errors surface in the callers' answers; the queues themselves must not print raw stacks.
    this.queues ??= QUEUES.map((name) => this.store.queue(name).on('error', () => undefined));
    return this.queues;
  }

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      this.all().map(async (queue) => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        return { queue: queue.name, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
      }),
    );
  }

  async failed(limit: number): Promise<FailedJob[]> {
    const jobs = await Promise.all(this.all().map((queue) => queue.getFailed(0, limit - 1)));
    return jobs
      .flat()
      .map((job) => ({
        queue: job.queueName,
        id: String(job.id),
        name: job.name,
        attempts: job.attemptsMade,
        reason: (job.failedReason ?? '').slice(0, 500),
        failedAt: new Date(job.finishedOn ?? job.timestamp),
      }))
      .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime())
      .slice(0, limit);
  }

  async retry(queueName: string, id: string): Promise<void> {
    const queue = this.all().find((q) => q.name === queueName);
    const job = queue && (await queue.getJob(id));
    if (!job || !(await job.isFailed())) throw notFound('That failed job');
    await job.retry();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all((this.queues ?? []).map((q) => q.close().catch(() => undefined)));
    this.store.disconnect();
  }
}

@Resolver()
export class QueueInspectorResolver {
  constructor(private readonly inspector: QueueInspector) {}

  @RequireRole('ADMIN')
  @Query(() => [QueueCounts], { description: 'Admins: jobs waiting, running, scheduled and failed per queue.' })
  queueCounts(): Promise<QueueCounts[]> {
    return this.inspector.counts();
  }

  @RequireRole('ADMIN')
  @Query(() => [FailedJob], { description: 'Admins: the most recent failed jobs.' })
  failedJobs(@Args('first', { type: () => Int, defaultValue: 50 }) first: number): Promise<FailedJob[]> {
    return this.inspector.failed(Math.min(Math.max(first, 1), 200));
  }

  @RequireRole('ADMIN')
  @Mutation(() => Boolean, { description: 'Admins: run a failed job again.' })
  async retryFailedJob(@Args('queue') queue: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.inspector.retry(queue, id);
    return true;
  }
}
