import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type CaseKind = 'RULES' | 'SUPPORT' | 'CRISIS' | 'PREMODERATION';
export type CaseStatus = 'OPEN' | 'RESOLVED' | 'DISMISSED';
export type FlagPriority = 'CRISIS' | 'HIGH' | 'NORMAL';
/** MESSAGE: one private message (crisis and held-for-review cases); CONVERSATION: a report, whose messages are in reported_messages. */
export type TargetType = 'POST' | 'EVENT' | 'RESOURCE' | 'USER' | 'MESSAGE' | 'CONVERSATION';

/**
 * One case per item and kind while it is open: every flag on the item gathers into it. The
 * partial unique index (see the Moderation migration) makes "find or open" race-free.
 */
@Entity('flag_cases')
@Index('flag_cases_open_target_key', { synchronize: false })
@Index('flag_cases_queue_idx', ['status', 'createdAt'])
export class FlagCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CaseKind;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: TargetType;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  /** Whose content or profile this is about (never shown to flaggers as a link to them). */
  @Column({ name: 'target_user_id', type: 'uuid', nullable: true })
  targetUserId: string | null;

  @Column({ type: 'varchar', length: 16 })
  priority: FlagPriority;

  /** Distinct members who flagged it for a rule reason. */
  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: CaseStatus;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedById: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedById: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /**
   * CRISIS cases: when admins are alerted if no moderator has acknowledged it. The worker's sweep
   * reads this (PostgreSQL is the source of truth; the delayed job in Redis only makes it prompt).
   */
  @Index('flag_cases_escalation_due_idx', { where: `escalate_at IS NOT NULL AND escalated_at IS NULL` })
  @Column({ name: 'escalate_at', type: 'timestamptz', nullable: true })
  escalateAt: Date | null;

  /** When the escalation ran (admins alerted, or nothing to do because it was acknowledged). */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  /** When moderators were last told about it (for the 48-hour reminder). */
  @Column({ name: 'last_notified_at', type: 'timestamptz', default: () => 'now()' })
  lastNotifiedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
