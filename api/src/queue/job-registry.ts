import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobDefinition, REQUEST_ID_KEY } from './jobs';

export type JobHandler<P extends object> = (payload: P, job: Job<P>) => Promise<void>;

/** Maps job names to their handlers. Processors register at module init; the worker dispatches. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler<object>>();

  register<P extends object>(job: JobDefinition<P>, handler: JobHandler<P>): void {
    if (this.handlers.has(job.name)) throw new Error(`Job ${job.name} has two handlers`);
    this.handlers.set(job.name, handler as JobHandler<object>);
  }

  /** Throws naming every job that could be enqueued but has no handler. */
  assertComplete(jobs: readonly JobDefinition<object>[]): void {
    const missing = jobs.filter((job) => !this.handlers.has(job.name)).map((job) => job.name);
    if (missing.length > 0) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
  }

  async dispatch(job: Job<object>): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler registered for job ${job.name}`);
    // The request id travels with the job (QueueWorkers logs it); handlers see their payload only.
    const { [REQUEST_ID_KEY]: _requestId, ...payload } = job.data as Record<string, unknown>;
    await handler(payload, job);
  }
}
