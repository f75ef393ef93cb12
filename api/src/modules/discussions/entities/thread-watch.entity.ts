import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { ThreadEntity } from './thread.entity';

/**
 * A member's choice about a thread. Authors and repliers get a row with `watching = true`; turning
 * it off keeps the row with `false`, so replying again does not silently re-subscribe them.
 */
@Entity('thread_watches')
@Index('thread_watches_watchers_idx', ['threadId'], { where: 'watching' })
export class ThreadWatchEntity {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: ThreadEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'boolean' })
  watching: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
