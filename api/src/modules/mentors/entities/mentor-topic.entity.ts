import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a mentor can help with ("Returning to work"); admins manage the list. Archived ones stay on old pairings. */
@Entity('mentor_topics')
@Index('mentor_topics_label_key', { synchronize: false })
export class MentorTopicEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  label: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
