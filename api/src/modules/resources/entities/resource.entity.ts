import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContentStatus } from '@kinship/shared';

/** A posting on a resource board; it leaves the board at `expiresAt` unless renewed. */
@Entity('resources')
@Index('resources_listing_idx', ['boardId', 'createdAt', 'id'])
// GIN indexes on tags and search_vector: created by the migration.
@Index('resources_search_idx', { synchronize: false })
@Index('resources_tags_idx', { synchronize: false })
export class ResourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'board_id', type: 'uuid' })
  boardId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 120 })
  organization: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'description_html', type: 'text', default: '' })
  descriptionHtml: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  location: string | null;

  @Column({ type: 'boolean', default: false })
  remote: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  contact: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'PENDING_REVIEW' })
  status: ContentStatus;

  /** When the author was told it expires in 7 days / that it expired (each once per expiry date). */
  @Column({ name: 'reminded_for', type: 'timestamptz', nullable: true })
  remindedFor: Date | null;

  @Column({ name: 'expired_notified_for', type: 'timestamptz', nullable: true })
  expiredNotifiedFor: Date | null;

  /** Kept current by a trigger (title, organisation, description). */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
