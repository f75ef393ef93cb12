import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, SensitiveTopic } from '@kinship/shared';

@Entity('users')
// UNIQUE (lower(display_name)) WHERE deleted_at IS NULL is created by the migration; TypeORM cannot describe it.
@Index('users_display_name_lower_key', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  /** Unique without regard to case, so @mentions are unambiguous. */
  @Column({ name: 'display_name', type: 'varchar', length: 40 })
  displayName: string;

  /**
   * displayNameKey(displayName), written with the name (accounts.service, seed): a new name whose
   * key an active member's name has is refused as a look-alike.
   */
  @Index('users_display_name_key_idx')
  @Column({ name: 'display_name_key', type: 'varchar', length: 200, default: '' })
  displayNameKey: string;

  @Column({ type: 'varchar', length: 16, default: 'MEMBER' })
  role: Role;

  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  pronouns: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** Sensitive topics this member wants collapsed behind a warning. */
  @Column({ name: 'topic_filters', type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  topicFilters: SensitiveTopic[];

  /** While in the future, the member's sessions are refused and they cannot sign in. */
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  /** The member's recovery start (a local date); private unless they choose otherwise. */
  @Column({ name: 'recovery_start', type: 'date', nullable: true })
  recoveryStart: string | null;

  /** ONLY_ME (default) or MEMBERS: who may see the date. */
  @Column({ name: 'recovery_visibility', type: 'varchar', length: 16, default: 'ONLY_ME' })
  recoveryVisibility: 'ONLY_ME' | 'MEMBERS';

  /** Opted in to celebrations on the wall on milestone days (default off). */
  @Column({ name: 'recovery_announce', type: 'boolean', default: false })
  recoveryAnnounce: boolean;

  /** Quiet hours in the member's time zone, minutes after midnight; both null: off. */
  @Column({ name: 'quiet_hours_start', type: 'smallint', nullable: true, default: 22 * 60 })
  quietHoursStart: number | null;

  @Column({ name: 'quiet_hours_end', type: 'smallint', nullable: true, default: 7 * 60 })
  quietHoursEnd: number | null;

  /** The local date of the last daily digest, so each day gets at most one. */
  @Column({ name: 'last_digest_on', type: 'date', nullable: true })
  lastDigestOn: string | null;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  /**
   * Set when the member deleted their account. The row stays (so threads keep their shape) but
   * holds nothing personal: the name reads FORMER_MEMBER_NAME and the email is a placeholder.
   */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
