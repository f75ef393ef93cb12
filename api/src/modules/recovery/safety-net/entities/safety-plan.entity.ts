import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

/**
 * A member's plan for hard moments (the six Stanley-Brown steps and "my reasons"), one row per
 * member, written the first time they save it. Health data: only its member reads it.
 */
@Entity('safety_plans')
export class SafetyPlanEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'warning_signs', type: 'text', array: true, default: () => "'{}'" })
  warningSigns: string[];

  @Column({ name: 'coping_strategies', type: 'text', array: true, default: () => "'{}'" })
  copingStrategies: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  distractions: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  helpers: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  professionals: string[];

  @Column({ name: 'safe_environment', type: 'text', array: true, default: () => "'{}'" })
  safeEnvironment: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
