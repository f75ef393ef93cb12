import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PostEntity } from './post.entity';

/** A post's text before an edit (kept for moderators only). */
@Entity('post_revisions')
@Index('post_revisions_post_idx', ['postId', 'createdAt'])
export class PostRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'content_warning', type: 'varchar', length: 140, nullable: true })
  contentWarning: string | null;

  /** When this text was replaced. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
