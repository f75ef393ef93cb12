import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

/**
 * One member's daily check-in: one per local day (their time zone), a second save that day
 * updates it. Health data: only its member ever reads it.
 */
@Entity('check_ins')
@Index('check_ins_user_day_key', ['userId', 'day'], { unique: true })
@Check('check_ins_mood_range', '"mood" BETWEEN 1 AND 5')
@Check('check_ins_cravings_range', '"cravings" BETWEEN 0 AND 4')
@Check('check_ins_sleep_range', '"sleep" IS NULL OR "sleep" BETWEEN 1 AND 5')
export class CheckInEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The member's local day (YYYY-MM-DD). */
  @Column({ type: 'date' })
  day: string;

  /** 1 (very low) to 5 (very good). */
  @Column({ type: 'smallint' })
  mood: number;

  /** 0 (none) to 4 (very strong). */
  @Column({ type: 'smallint' })
  cravings: number;

  /** 1 (very poorly) to 5 (very well), or not answered. */
  @Column({ type: 'smallint', nullable: true })
  sleep: number | null;

  /** "What helped today" (up to 280 characters). */
  @Column({ type: 'varchar', length: 280, nullable: true })
  helped: string | null;

  /** "What was hard" (up to 280 characters). */
  @Column({ type: 'varchar', length: 280, nullable: true })
  hard: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
