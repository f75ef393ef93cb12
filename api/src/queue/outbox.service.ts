import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentRequestId } from '../common/request-context';
import { JobDefinition, REQUEST_ID_KEY } from './jobs';

export const OUTBOX_CHANNEL = 'kinship_outbox';

/**
 * Writes job intents into the outbox inside the caller's transaction. Nothing touches Redis here:
 * if the transaction rolls back, the job never existed; if it commits, the relay will deliver it
 * even when Redis is down at this moment.
 */
@Injectable()
export class OutboxService {
  async enqueue<P extends object>(
    manager: EntityManager,
    job: JobDefinition<P>,
    payload: P,
    options: { delayMs?: number; jobId?: string } = {},
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (queue, name, payload, delay_ms, job_id) VALUES ($1, $2, $3::jsonb, $4, $5)`,
      [job.queue, job.name, JSON.stringify(withRequestId(payload)), Math.max(0, Math.round(options.delayMs ?? 0)), options.jobId ?? null],
    );
    await this.wake(manager);
  }

  /** Removes the job with this deterministic id (a cancelled reminder), once the transaction commits. */
  async cancel(manager: EntityManager, job: JobDefinition<object>, jobId: string): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (queue, name, payload, job_id, operation) VALUES ($1, $2, '{}'::jsonb, $3, 'remove')`,
      [job.queue, job.name, jobId],
    );
    await this.wake(manager);
  }

  private async wake(manager: EntityManager): Promise<void> {
    // Delivered at commit only: wakes the relay at once instead of at its next poll.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}

/** The job carries the id of the request that queued it, so the worker's log lines name it too. */
function withRequestId<P extends object>(payload: P): P {
  const requestId = currentRequestId();
  return requestId ? { ...payload, [REQUEST_ID_KEY]: requestId } : payload;
}
