import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { hasRole } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { renderMarkdown } from '../../common/markdown';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { NOTIFY_REPLY } from '../notifications/jobs/notifications.jobs';
import { CreateCategoryInput } from './dto/create-category.input';
import { CreateThreadInput } from './dto/create-thread.input';
import { ReplyInput } from './dto/reply.input';
import { ThreadPostsArgs, ThreadsArgs } from './dto/threads.args';
import { CategoryEntity } from './entities/category.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { Post, toPost } from './models/post.model';
import { Thread, toThread } from './models/thread.model';

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * A post is visible to everyone when VISIBLE; otherwise only to its author and to moderators.
 * Returns a SQL condition on the alias `p` and its parameters.
 */
function visiblePosts(viewer: Viewer): [string, Record<string, unknown>] {
  if (hasRole(viewer.role, 'MODERATOR')) return ['TRUE', {}];
  return ["(p.status = 'VISIBLE' OR p.author_id = :viewerId)", { viewerId: viewer.id }];
}

@Injectable()
export class DiscussionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  categories(): Promise<CategoryEntity[]> {
    return this.dataSource.manager.find(CategoryEntity, { order: { position: 'ASC', name: 'ASC' } });
  }

  async createCategory(input: CreateCategoryInput): Promise<CategoryEntity> {
    const manager = this.dataSource.manager;
    const base = slugify(input.name) || 'category';
    let position = input.position;
    if (position === undefined) {
      const [{ next }]: { next: number }[] = await manager.query(`SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM categories`);
      position = next;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
      try {
        return await manager.save(
          manager.create(CategoryEntity, { name: input.name, slug, description: input.description ?? '', position }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'categories_name_key')) {
          throw conflict('A category with this name already exists.', 'name');
        }
        if (!isUniqueViolation(error, 'categories_slug_key')) throw error;
      }
    }
    throw conflict('A category with a very similar name already exists.', 'name');
  }

  /** Pinned threads first, then by latest activity. */
  async threads(args: ThreadsArgs): Promise<Connection<Thread>> {
    if (args.categoryId && !(await this.dataSource.manager.existsBy(CategoryEntity, { id: args.categoryId }))) {
      throw notFound('That category');
    }
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['boolean', 'string', 'string']);
    const query = this.dataSource.manager
      .createQueryBuilder(ThreadEntity, 't')
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(first + 1);
    if (args.categoryId) query.andWhere('t.category_id = :categoryId', { categoryId: args.categoryId });
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
    return toConnection(rows, first, (p) => [p.position], toPost);
  }

  async createThread(input: CreateThreadInput, viewer: Viewer): Promise<PostEntity> {
    const category = await this.dataSource.manager.findOneBy(CategoryEntity, { id: input.categoryId });
    if (!category) throw badInput('categoryId', 'That category does not exist. Please choose one from the list.');
    return inTransaction(this.dataSource, async (manager) => {
      const thread = await manager.save(
        manager.create(ThreadEntity, { categoryId: category.id, authorId: viewer.id, title: input.title }),
      );
      return manager.save(
        manager.create(PostEntity, {
          threadId: thread.id,
          position: 1,
          authorId: viewer.id,
          body: input.body,
          bodyHtml: renderMarkdown(input.body),
          contentWarning: input.contentWarning || null,
        }),
      );
    });
  }

  async reply(input: ReplyInput, viewer: Viewer): Promise<PostEntity> {
    const thread = await this.findThread(input.threadId);
    if (!thread) throw notFound('That thread');
    return inTransaction(this.dataSource, async (manager) => {
      // One conditional update claims the next position and refuses a locked thread; the row
      // lock it takes orders concurrent replies without a read-then-write race.
      const claimed: [{ reply_count: number }[], number] = await manager.query(
        `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = now()
          WHERE id = $1 AND NOT locked
          RETURNING reply_count`,
        [thread.id],
      );
      const [rows] = claimed;
      if (rows.length === 0) throw forbidden('This thread is locked, so it is not taking new replies.');

      if (input.replyToPostId) {
        const quoted = await manager.findOneBy(PostEntity, { id: input.replyToPostId, threadId: thread.id });
        if (!quoted) throw badInput('replyToPostId', 'The post you are replying to is not in this thread.');
      }
      const post = await manager.save(
        manager.create(PostEntity, {
          threadId: thread.id,
          position: rows[0].reply_count + 1,
          authorId: viewer.id,
          replyToPostId: input.replyToPostId ?? null,
          body: input.body,
          bodyHtml: renderMarkdown(input.body),
          contentWarning: input.contentWarning || null,
        }),
      );
      await this.outbox.enqueue(manager, NOTIFY_REPLY, { postId: post.id });
      return post;
    });
  }

  /** For DataLoaders: rows in the order of `ids`, null where one is missing or not visible. */
  async threadsByIds(ids: readonly string[]): Promise<(ThreadEntity | null)[]> {
    const rows = await this.dataSource.manager.findBy(ThreadEntity, { id: In([...ids]) });
    return inOrder(ids, rows);
  }

  async categoriesByIds(ids: readonly string[]): Promise<(CategoryEntity | null)[]> {
    const rows = await this.dataSource.manager.findBy(CategoryEntity, { id: In([...ids]) });
    return inOrder(ids, rows);
  }

  async postsByIds(ids: readonly string[], viewer: Viewer): Promise<(PostEntity | null)[]> {
    const [visible, params] = visiblePosts(viewer);
    const rows = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.id IN (:...ids)', { ids })
      .andWhere(visible, params)
      .getMany();
    return inOrder(ids, rows);
  }
}

function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
