import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox: a job intent written in the same transaction as the domain change
 * that caused it. The relay moves undispatched rows to BullMQ with the row id as the job id.
 */
@Entity('outbox')
@Index('outbox_pending_seq_idx', ['seq'], { where: 'dispatched_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Ids only, never content: the job reloads what it needs. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /**
   * A deterministic BullMQ job id (e.g. one event's 24-hour reminder). With one, the relay first
   * removes any job of that id, so writing the row again reschedules it. Null: the row id is used.
   */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  /** 'add' a job, or only 'remove' the job with `jobId` (a cancelled reminder). */
  @Column({ type: 'varchar', length: 8, default: 'add' })
  operation: 'add' | 'remove';

  /** Run the job this many milliseconds after it is relayed (0: at once). */
  @Column({ name: 'delay_ms', type: 'bigint', default: 0 })
  delayMs: string;

  /**
   * The order rows were written in, which the relay keeps. created_at cannot serve: it is the
   * transaction's start, shared by every row of a transaction (a reschedule's remove and add) and
   * earlier for a transaction that began first but waited on a lock and wrote later.
   */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
