import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobDefinition } from './jobs';

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
    options: { delayMs?: number } = {},
  ): Promise<void> {
    await manager.query(`INSERT INTO outbox (queue, name, payload, delay_ms) VALUES ($1, $2, $3::jsonb, $4)`, [
      job.queue,
      job.name,
      JSON.stringify(payload),
      options.delayMs ?? 0,
    ]);
    // Delivered at commit only: wakes the relay at once instead of at its next poll.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
