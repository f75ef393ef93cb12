import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../../accounts/entities/user.entity';

export type SupportStatus = 'PENDING' | 'ACTIVE';

/**
 * `memberId` asked `supporterId` to be one of their people; ACTIVE once the supporter accepted.
 * Ending it (either side) or declining deletes the row: nothing is kept that says why.
 */
@Entity('support_links')
@Index('support_links_pair_key', ['memberId', 'supporterId'], { unique: true })
@Index('support_links_supporter_idx', ['supporterId'])
export class SupportLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: UserEntity;

  @Column({ name: 'supporter_id', type: 'uuid' })
  supporterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supporter_id' })
  supporter?: UserEntity;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: SupportStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;
}
