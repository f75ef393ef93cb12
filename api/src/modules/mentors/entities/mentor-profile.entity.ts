import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';

/**
 * PENDING: offered before a year since their recovery start date, waiting for staff. APPROVED:
 * suggested to newcomers while `available`. A mentor who steps back sets `available` false.
 */
export type MentorStatus = 'PENDING' | 'APPROVED';

@Entity('mentor_profiles')
@Check('mentor_profiles_capacity', 'capacity BETWEEN 1 AND 3')
@Index('mentor_profiles_status_idx', ['status'])
export class MentorProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** A short "about me": what mentees see, with the display name. Never dates. */
  @Column({ type: 'text' })
  about: string;

  @Column({ name: 'topic_ids', type: 'uuid', array: true, default: () => "'{}'" })
  topicIds: string[];

  /** How many mentees at once (1-3). */
  @Column({ type: 'smallint', default: 1 })
  capacity: number;

  @Column({ type: 'boolean', default: true })
  available: boolean;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: MentorStatus;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedById: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
