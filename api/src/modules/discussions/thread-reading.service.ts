import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { blockedBetween, BlocksService } from '../accounts/blocks.service';
import { WALL_CATEGORY_SLUG } from './categories.service';
import { ThreadPostsArgs, ThreadsArgs } from './dto/threads.args';
import { CategoryEntity } from './entities/category.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { Post, toPost } from './models/post.model';
import { Thread, toThread } from './models/thread.model';
import { openingPostVisible, visiblePosts } from './post-visibility';

/** Reading threads and posts as a viewer may see them: lists, pages, single items. */
@Injectable()
export class ThreadReadingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blocks: BlocksService,
  ) {}

  /** Pinned threads first, then by latest activity; threads by members on the other side of a block are left out. */
  async threads(args: ThreadsArgs, viewer: Viewer): Promise<Connection<Thread>> {
    if (args.categoryId && !(await this.dataSource.manager.existsBy(CategoryEntity, { id: args.categoryId }))) {
      throw notFound('That category');
    }
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['boolean', 'iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(ThreadEntity, 't')
      .where(`NOT ${blockedBetween('t.author_id', ':viewerId')}`, { viewerId: viewer.id })
      .andWhere(openingPostVisible(viewer), { viewerId: viewer.id })
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(first + 1);
    if (args.categoryId) query.andWhere('t.category_id = :categoryId', { categoryId: args.categoryId });
    else {
      query.andWhere('t.category_id <> (SELECT id FROM categories WHERE slug = :wall)', { wall: WALL_CATEGORY_SLUG });
    }
    if (after) {
      query.andWhere('(t.pinned, t.last_activity_at, t.id) < (:pinned, :at, :id)', {
        pinned: after[0],
        at: after[1],
        id: after[2],
      });
    }
    const rows = await query.getMany();
    return toConnection(rows, first, (t) => [t.pinned, t.lastActivityAt.toISOString(), t.id], toThread);
  }

  findThread(id: string): Promise<ThreadEntity | null> {
    return isUuid(id) ? this.dataSource.manager.findOneBy(ThreadEntity, { id }) : Promise.resolve(null);
  }

  /** A thread whose opening post the viewer may see (pending or hidden threads are their author's and moderators'). */
  async visibleThread(id: string, viewer: Viewer): Promise<ThreadEntity | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.manager
      .createQueryBuilder(ThreadEntity, 't')
      .where('t.id = :id', { id })
      .andWhere(openingPostVisible(viewer), { viewerId: viewer.id })
      .getOne();
  }

  /** Across a block a member neither replies in nor follows the other's threads (staff are not held back). */
  async assertNotSeparatedFromAuthor(thread: ThreadEntity, viewer: Viewer, message: string): Promise<void> {
    if (hasRole(viewer.role, 'MODERATOR') || thread.authorId === viewer.id) return;
    if (await this.blocks.separated(viewer.id, thread.authorId)) throw forbidden(message);
  }

  /** A thread's posts in reply order, starting after a cursor or at a position. */
  async threadPosts(threadId: string, args: ThreadPostsArgs, viewer: Viewer): Promise<Connection<Post>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['number']);
    const start = after ? (after[0] as number) : (args.fromPosition ?? 1) - 1;
    const [visible, params] = visiblePosts(viewer);
    const rows = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.thread_id = :threadId AND p.position > :start', { threadId, start })
      .andWhere(visible, params)
      .orderBy('p.position', 'ASC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, (p) => [p.position], (p) => toPost(p));
  }

  /** A member's posts for their profile, newest first: what the viewer may see, none across a block. */
  async postsByAuthor(authorId: string, args: PageArgs, viewer: Viewer): Promise<Connection<Post>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const own = authorId === viewer.id;
    const query = this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.author_id = :authorId', { authorId })
      .andWhere(own ? 'TRUE' : "p.status = 'VISIBLE' AND p.deleted_at IS NULL")
      .andWhere(visiblePosts(viewer)[0], { viewerId: viewer.id })
      .andWhere(`NOT ${blockedBetween('p.author_id', ':viewerId')}`, { viewerId: viewer.id })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(first + 1);
    if (after) query.andWhere('(p.created_at, p.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (p) => [p.createdAt.toISOString(), p.id], (p) => toPost(p));
  }

  /** The position of the thread's latest post the viewer can see (for "jump to the latest"). */
  async lastPosition(threadId: string, viewer: Viewer): Promise<number> {
    const [visible, params] = visiblePosts(viewer);
    // Newest first down the (thread_id, position) index, stopping at the first visible post:
    // MAX() with the visibility filter would read the whole thread (75 ms at 50,000 replies).
    const row = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .select('p.position', 'max')
      .where('p.thread_id = :threadId', { threadId })
      .andWhere(visible, params)
      .orderBy('p.position', 'DESC')
      .limit(1)
      .getRawOne<{ max: number | null }>();
    return row?.max ?? 1;
  }

  /** A post the viewer may see, or NOT_FOUND. */
  async visiblePost(id: string, viewer: Viewer, manager: EntityManager = this.dataSource.manager): Promise<PostEntity> {
    const [visible, params] = visiblePosts(viewer);
    const post = isUuid(id)
      ? await manager
          .createQueryBuilder(PostEntity, 'p')
          .where('p.id = :id', { id })
          .andWhere(visible, params)
          // Moderators see through blocks: a member cannot hide their posts from moderation.
          .andWhere(hasRole(viewer.role, 'MODERATOR') ? 'TRUE' : `NOT ${blockedBetween('p.author_id', ':viewerId')}`, {
            viewerId: viewer.id,
          })
          .getOne()
      : null;
    if (!post) throw notFound('That post');
    return post;
  }
}
