import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A celebration on the milestone wall: a ladder milestone the member chose to announce, or one
 * of their own ("first job interview"). Its text and replies live in a thread (so posting rules,
 * moderation and flags apply as everywhere else). One per member and ladder milestone.
 */
@Entity('celebrations')
@Index('celebrations_wall_idx', ['createdAt', 'id'])
@Index('celebrations_milestone_key', ['authorId', 'milestoneKey', 'milestoneDate'], { unique: true, where: 'milestone_key IS NOT NULL' })
export class CelebrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** A ladder key such as DAYS_30, or null for a member's own milestone. */
  @Column({ name: 'milestone_key', type: 'varchar', length: 24, nullable: true })
  milestoneKey: string | null;

  @Column({ name: 'milestone_date', type: 'date', nullable: true })
  milestoneDate: string | null;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ type: 'varchar', length: 150 })
  title: string;

  @Column({ name: 'cheer_count', type: 'integer', default: 0 })
  cheerCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
