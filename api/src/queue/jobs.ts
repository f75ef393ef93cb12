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
export type QueueName = (typeof QUEUES)[number];

export function defineJob<P extends object>(queue: QueueName, name: string): JobDefinition<P> {
  return { queue, name };
}
