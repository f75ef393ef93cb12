/**
 * A job type: which queue it runs on and its name. `P` is the payload: ids only, never content.
 * Each domain declares its jobs in `modules/<domain>/jobs/<domain>.jobs.ts` and lists them in ALL_JOBS.
 */
export interface JobDefinition<P extends object> {
  readonly queue: QueueName;
  readonly name: string;
  /** Phantom field carrying the payload type; never set. */
  readonly payload?: P;
}

export const QUEUES = ['notifications'] as const;

/** Where a job's payload carries the id of the request that queued it (taken off before the handler sees it). */
export const REQUEST_ID_KEY = '_requestId';
export type QueueName = (typeof QUEUES)[number];

export function defineJob<P extends object>(queue: QueueName, name: string): JobDefinition<P> {
  return { queue, name };
}
