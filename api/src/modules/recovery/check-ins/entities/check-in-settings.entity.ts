import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

/** A member's check-in choices; no row means the defaults (check-ins on, no reminder). */
@Entity('check_in_settings')
export class CheckInSettingsEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** Off: the check-in pages say so and new check-ins are refused (history stays until deleted). */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** A gentle reminder at `reminderMinute`, opt-in. */
  @Column({ type: 'boolean', default: false })
  reminder: boolean;

  /** Minutes after local midnight (0-1439) the reminder is due, in the member's time zone. */
  @Column({ name: 'reminder_minute', type: 'smallint', nullable: true })
  reminderMinute: number | null;

  /**
   * The last day of the hard stretch in which "let my people know" was offered: the offer is
   * made once per stretch (a stretch containing this day has had it).
   */
  @Column({ name: 'reach_out_offered_on', type: 'date', nullable: true })
  reachOutOfferedOn: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
