import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The id of the request (or of the job a request queued) being served, for every log line written
 * while serving it. The web makes one per page view and sends it as X-Request-Id; the api takes it
 * when it looks like an id, makes its own otherwise, and passes it on in the jobs it queues.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export const REQUEST_ID_HEADER = 'x-request-id';

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,100}$/;

/** A caller's id if it is well formed (never anything that could forge a log line), else a new one. */
export function requestIdFrom(value: unknown): string {
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : randomUUID();
}

export function withRequestId<T>(requestId: string | undefined, work: () => T): T {
  return requestId ? storage.run({ requestId }, work) : work();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
