import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { CategoryEntity } from './category.entity';

@Entity('threads')
@Index('threads_listing_idx', ['pinned', 'lastActivityAt', 'id'])
@Index('threads_category_listing_idx', ['categoryId', 'pinned', 'lastActivityAt', 'id'])
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @ManyToOne(() => CategoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: CategoryEntity;

  @Index('threads_author_id_idx')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'varchar', length: 150 })
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ type: 'boolean', default: false })
  locked: boolean;

  /** Replies after the opening post; also the position of the latest post minus one. */
  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;
}
