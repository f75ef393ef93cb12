import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

/**
 * One press of "Reach out": the member's own log. Open until one of their support people marks
 * "I've reached out" (`answeredAt`, `answeredBy`). Nothing about why is ever stored.
 */
@Entity('reach_outs')
@Index('reach_outs_member_idx', ['memberId', 'createdAt'])
// Account deletion takes the answerer's name off the reach-outs they answered.
@Index('reach_outs_answered_by_idx', ['answeredBy'], { where: '"answered_by" IS NOT NULL' })
export class ReachOutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by' })
  answerer?: UserEntity;
}
