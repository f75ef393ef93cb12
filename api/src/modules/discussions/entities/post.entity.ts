import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentStatus, SensitiveTopic } from '@kinship/shared';
import { UserEntity } from '../../accounts/entities/user.entity';
import { ThreadEntity } from './thread.entity';

/** The opening post of a thread and every reply. Replies are flat; `replyToPostId` quotes one. */
// GIN index on search_vector: created by the migration (TypeORM cannot declare GIN).
@Index('posts_search_idx', { synchronize: false })
@Entity('posts')
@Index('posts_thread_position_key', ['threadId', 'position'], { unique: true })
export class PostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: ThreadEntity;

  /** 1 for the opening post, then 2, 3, ... in the order replies were accepted. */
  @Column({ type: 'integer' })
  position: number;

  @Index('posts_author_id_idx')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ name: 'reply_to_post_id', type: 'uuid', nullable: true })
  replyToPostId: string | null;

  @ManyToOne(() => PostEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reply_to_post_id' })
  replyTo?: PostEntity;

  /** The member's Markdown, as written. */
  @Column({ type: 'text' })
  body: string;

  /** The Markdown rendered and sanitized once, at write time. */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ name: 'content_warning', type: 'varchar', length: 140, nullable: true })
  contentWarning: string | null;

  @Column({ type: 'varchar', length: 16, default: 'VISIBLE' })
  status: ContentStatus;

  /** Sensitive topics the author tagged; members who filter one see the post collapsed. */
  @Column({ type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  topics: SensitiveTopic[];

  /** Members this post @mentions (resolved at write time, at most 10, blocks respected). */
  @Column({ name: 'mentioned_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionedUserIds: string[];

  /** Set when the author deletes the post: it keeps its place, shown as deleted. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /**
   * Full-text index of the body (and, for an opening post, the thread title), kept current by a
   * trigger in the database: see the Discussions migration. Never read into the app.
   */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  /** Indexed: search ranks the newest matches, read newest first. */
  @Index('posts_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;
}
