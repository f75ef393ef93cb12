import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TargetType } from './flag-case.entity';

export type ModerationActionType =
  | 'DISMISS'
  | 'HIDE'
  | 'REMOVE'
  | 'RESTORE'
  | 'APPROVE'
  | 'LOCK'
  | 'UNLOCK'
  | 'PIN'
  | 'UNPIN'
  | 'WARN'
  | 'SUSPEND'
  | 'AUTO_HIDE'
  | 'ESCALATE'
  | 'APPEAL_UPHELD'
  | 'APPEAL_DENIED';

/**
 * The moderation log: append-only. A trigger in the database refuses UPDATE and DELETE (see the
 * Moderation migration), so not even SQL can rewrite history. Content appears only as a short
 * excerpt; members appear by id only.
 */
@Entity('moderation_actions')
@Index('moderation_actions_listing_idx', ['createdAt', 'id'])
@Index('moderation_actions_target_user_idx', ['targetUserId'])
export class ModerationActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for actions the system took (auto-hide, escalation). */
  @Column({ name: 'moderator_id', type: 'uuid', nullable: true })
  moderatorId: string | null;

  @Column({ type: 'varchar', length: 24 })
  action: ModerationActionType;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: TargetType | 'THREAD';

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ name: 'target_user_id', type: 'uuid', nullable: true })
  targetUserId: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  /** At most 80 characters of the content acted on. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  excerpt: string | null;

  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
