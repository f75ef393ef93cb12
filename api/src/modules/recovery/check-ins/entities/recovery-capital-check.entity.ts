import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

/**
 * A member's monthly Brief Assessment of Recovery Capital (BARC-10): ten answers on a 6-point
 * agreement scale, one check per local month (saving again that month updates it).
 */
@Entity('recovery_capital_checks')
@Index('recovery_capital_checks_user_month_key', ['userId', 'month'], { unique: true })
@Check('recovery_capital_checks_total_range', '"total" BETWEEN 10 AND 60')
export class RecoveryCapitalCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The member's local month (YYYY-MM). */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  /** The ten answers in item order, each 1 (strongly disagree) to 6 (strongly agree). */
  @Column({ type: 'smallint', array: true })
  answers: number[];

  /** The sum of the answers (10-60). */
  @Column({ type: 'smallint' })
  total: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
