import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { FlagReason } from '@kinship/shared';
import { UserEntity } from '../../accounts/entities/user.entity';
import { FlagCaseEntity, TargetType } from '../../screening/entities/flag-case.entity';

/** One member's flag on one item; a member flags an item once. Flaggers stay anonymous to authors. */
@Entity('flags')
@Index('flags_flagger_target_key', ['flaggerId', 'targetType', 'targetId'], { unique: true })
@Index('flags_case_idx', ['caseId'])
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => FlagCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: FlagCaseEntity;

  @Column({ name: 'flagger_id', type: 'uuid' })
  flaggerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flagger_id' })
  flagger?: UserEntity;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: TargetType;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ type: 'varchar', length: 24 })
  reason: FlagReason;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
