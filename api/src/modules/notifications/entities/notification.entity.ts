import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationType } from '@kinship/shared';
import { UserEntity } from '../../accounts/entities/user.entity';

/**
 * One in-app notification. `sourceKey` names the event that caused it ("reply:<postId>"); the
 * unique (user, source) pair is what makes a job that runs twice write one row.
 */
@Entity('notifications')
@Index('notifications_user_source_key', ['userId', 'sourceKey'], { unique: true })
@Index('notifications_user_listing_idx', ['userId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  type: NotificationType;

  @Column({ name: 'source_key', type: 'varchar', length: 120 })
  sourceKey: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  body: string;

  @Column({ type: 'varchar', length: 500 })
  url: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** Shown in the app: set by a trigger from the member's preference (see the Notifications migration). */
  @Column({ name: 'in_app', type: 'boolean', default: true })
  inApp: boolean;

  /** Ignores preferences, digests and quiet hours (crisis alerts to moderators). */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  /**
   * NEW -> PENDING (immediate, waiting) -> SENDING -> SENT | DIGEST -> SENT; or SKIPPED (off, read
   * first, email disabled) or FAILED (the mail server refused the address for good).
   */
  @Index('notifications_email_state_idx', { where: "email_state IN ('NEW', 'PENDING', 'DIGEST')" })
  @Column({ name: 'email_state', type: 'varchar', length: 12, default: 'NEW' })
  emailState: 'NEW' | 'PENDING' | 'SENDING' | 'DIGEST' | 'SENT' | 'SKIPPED' | 'FAILED';

  @Column({ name: 'email_due_at', type: 'timestamptz', nullable: true })
  emailDueAt: Date | null;
}
