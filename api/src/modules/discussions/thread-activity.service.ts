import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReactionKind } from '@kinship/shared';
import { inTransaction } from '../../database/transaction';
import { forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { NOTIFY_REACTION } from './jobs/discussions.jobs';
import { ModerationLogService } from '../screening/moderation-log.service';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ThreadReadingService } from './thread-reading.service';

/** A moderator's switches on a thread: pinned threads list first; locked threads take no replies. */
export type ThreadSwitch = 'pinned' | 'locked';

/** What members do around posts besides writing them (reactions, watching) and moderators' pin and lock. */
@Injectable()
export class ThreadActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly moderationLog: ModerationLogService,
    private readonly reading: ThreadReadingService,
  ) {}

  /** Idempotent: reacting twice, or twenty times at once, leaves one reaction. */
  async react(postId: string, kind: ReactionKind, viewer: Viewer): Promise<PostEntity> {
    const post = await this.reading.visiblePost(postId, viewer);
    if (post.deletedAt) throw forbidden('This post was deleted.');
    await inTransaction(this.dataSource, async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO reactions (post_id, user_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [post.id, viewer.id, kind],
      );
      if (inserted.length > 0 && post.authorId !== viewer.id) {
        await this.outbox.enqueue(manager, NOTIFY_REACTION, { postId: post.id });
      }
    });
    return post;
  }

  async unreact(postId: string, kind: ReactionKind, viewer: Viewer): Promise<PostEntity> {
    const post = await this.reading.visiblePost(postId, viewer);
    await this.dataSource.query(`DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3`, [
      post.id,
      viewer.id,
      kind,
    ]);
    return post;
  }

  async watchThread(threadId: string, watching: boolean, viewer: Viewer): Promise<ThreadEntity> {
    const thread = await this.reading.visibleThread(threadId, viewer);
    if (!thread) throw notFound('That thread');
    if (watching) await this.reading.assertNotSeparatedFromAuthor(thread, viewer, "You can't follow this thread.");
    await this.dataSource.query(
      `INSERT INTO thread_watches (thread_id, user_id, watching) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET watching = EXCLUDED.watching, updated_at = now()`,
      [thread.id, viewer.id, watching],
    );
    return thread;
  }

  /** Moderators pin or lock a thread (or undo it); each change is logged. */
  async setThreadSwitch(threadId: string, which: ThreadSwitch, value: boolean, moderator: Viewer): Promise<ThreadEntity> {
    const thread = await this.reading.findThread(threadId);
    if (!thread) throw notFound('That thread');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(ThreadEntity, { id: thread.id }, { [which]: value });
      await this.moderationLog.record(manager, {
        moderatorId: moderator.id,
        action: which === 'pinned' ? (value ? 'PIN' : 'UNPIN') : value ? 'LOCK' : 'UNLOCK',
        targetType: 'THREAD',
        targetId: thread.id,
        targetUserId: thread.authorId,
        content: thread.title,
      });
    });
    thread[which] = value;
    return thread;
  }
}
