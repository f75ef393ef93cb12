import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AppealStatus = 'PENDING' | 'UPHELD' | 'DENIED';

/** A member's one appeal of one action against them, decided by a different moderator. */
@Entity('appeals')
@Index('appeals_action_key', ['actionId'], { unique: true })
@Index('appeals_status_idx', ['status', 'createdAt'])
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @Column({ name: 'appellant_id', type: 'uuid' })
  appellantId: string;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: AppealStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 1000, nullable: true })
  decisionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
