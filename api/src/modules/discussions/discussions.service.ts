import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { hasRole, REACTION_KINDS } from '@kinship/shared';
import type { ReactionKind, SafetyResource } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { MAX_MENTIONS_PER_POST, mentionCandidates, mentionPattern } from '../../common/mentions';
import { MentionTarget, renderMarkdown } from '../../common/markdown';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { blockedBetween, BlocksService } from '../accounts/blocks.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { NOTIFY_MENTIONS, NOTIFY_REACTION, NOTIFY_REPLY } from '../notifications/jobs/notifications.jobs';
import { CreateCategoryInput } from './dto/create-category.input';
import { CreateThreadInput } from './dto/create-thread.input';
import { EditPostArgs } from './dto/edit-post.args';
import { ReplyInput } from './dto/reply.input';
import { ThreadPostsArgs, ThreadsArgs } from './dto/threads.args';
import { CategoryEntity } from './entities/category.entity';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { Post, PostRevision, ReactionCount, toPost } from './models/post.model';
import { Thread, toThread } from './models/thread.model';
import { editDecision, isNewMember } from './posting-rules';
import { ModerationLogService } from '../moderation/moderation-log.service';
import { ScreeningService } from '../moderation/screening.service';

/** A post just written, and the crisis resources to show its author (empty unless it reads as a crisis). */
export interface Written {
  post: PostEntity;
  safetyResources: SafetyResource[];
}

/** The category holding celebrations' reply threads: kept out of category lists and the home feed. */
export const WALL_CATEGORY_SLUG = 'milestone-wall';

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
  // A post is seen only in a thread whose opening post the viewer may see: hiding an opening post
  // hides the whole thread, including its title through any reply.
  return [
    `(p.status = 'VISIBLE' OR p.author_id = :viewerId)
     AND EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = p.thread_id AND op.position = 1
                   AND (op.status = 'VISIBLE' OR op.author_id = :viewerId))`,
    { viewerId: viewer.id },
  ];
}

const postedTooSoon = (what: string) => (seconds: number) =>
  new DomainError(
    'RATE_LIMITED',
    `You're ${what} quickly. Please wait ${Math.max(1, Math.ceil(seconds))} seconds and try again.`,
    { retryAfterSeconds: Math.ceil(seconds) },
  );

@Injectable()
export class DiscussionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitService,
    private readonly screening: ScreeningService,
    private readonly moderationLog: ModerationLogService,
    private readonly blocks: BlocksService,
  ) {}

  // ---- Categories -------------------------------------------------------------------------

  categories(): Promise<CategoryEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(CategoryEntity, 'c')
      .where('c.slug <> :wall', { wall: WALL_CATEGORY_SLUG })
      .orderBy('c.position', 'ASC')
      .addOrderBy('c.name', 'ASC')
      .getMany();
  }

  async wallCategoryId(): Promise<string> {
    const category = await this.dataSource.manager.findOneByOrFail(CategoryEntity, { slug: WALL_CATEGORY_SLUG });
    return category.id;
  }

  async createCategory(input: CreateCategoryInput): Promise<CategoryEntity> {
    const manager = this.dataSource.manager;
    const base = slugify(input.name) || 'category';
    let position = input.position;
    if (position === undefined) {
      const [{ next }]: { next: number }[] = await manager.query(
        `SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM categories`,
      );
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

  // ---- Reading ----------------------------------------------------------------------------

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
      .andWhere(this.openingPostVisible(viewer), { viewerId: viewer.id })
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
      .andWhere(this.openingPostVisible(viewer), { viewerId: viewer.id })
      .getOne();
  }

  private openingPostVisible(viewer: Viewer): string {
    if (hasRole(viewer.role, 'MODERATOR')) return 'TRUE';
    return `EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = t.id AND op.position = 1
                      AND (op.status = 'VISIBLE' OR op.author_id = :viewerId))`;
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

  // ---- Writing ----------------------------------------------------------------------------

  /** `forWall`: a celebration's thread, the only kind allowed in the milestone-wall category. */
  async createThread(input: CreateThreadInput, viewer: Viewer, forWall = false): Promise<Written> {
    const author = await this.author(viewer);
    const category = await this.dataSource.manager.findOneBy(CategoryEntity, { id: input.categoryId });
    if (!category || (category.slug === WALL_CATEGORY_SLUG) !== forWall) {
      throw badInput('categoryId', 'That category does not exist. Please choose one from the list.');
    }
    const screening = await this.screening.screen(author, `${input.title}\n${input.body}`, { isNew: true });
    const mentions = await this.resolveMentions(input.body, viewer.id);
    await this.limitPosting(author, 'thread');
    return inTransaction(this.dataSource, async (manager) => {
      const thread = await manager.save(
        manager.create(ThreadEntity, { categoryId: category.id, authorId: viewer.id, title: input.title }),
      );
      const post = await manager.save(
        manager.create(PostEntity, {
          threadId: thread.id,
          position: 1,
          authorId: viewer.id,
          status: screening.review ? 'PENDING_REVIEW' : 'VISIBLE',
          body: input.body,
          bodyHtml: renderMarkdown(input.body, mentions),
          contentWarning: input.contentWarning || null,
          topics: input.topics ?? [],
          mentionedUserIds: mentions.map((m) => m.id),
        }),
      );
      await manager.query(`INSERT INTO thread_watches (thread_id, user_id, watching) VALUES ($1, $2, true)`, [
        thread.id,
        viewer.id,
      ]);
      await this.announce(manager, post);
      await manager.query(`DELETE FROM drafts WHERE user_id = $1 AND draft_key = 'new-thread'`, [viewer.id]);
      const safetyResources = await this.screening.afterWrite(manager, { type: 'POST', id: post.id, authorId: viewer.id }, screening);
      return { post, safetyResources };
    });
  }

  async reply(input: ReplyInput, viewer: Viewer): Promise<Written> {
    const author = await this.author(viewer);
    const thread = await this.visibleThread(input.threadId, viewer);
    if (!thread) throw notFound('That thread');
    await this.assertNotSeparatedFromAuthor(thread, viewer, "You can't reply in this thread.");
    const screening = await this.screening.screen(author, input.body, { isNew: true });
    const mentions = await this.resolveMentions(input.body, viewer.id);
    await this.limitPosting(author, 'post');
    return inTransaction(this.dataSource, async (manager) => {
      // One conditional update claims the next position and refuses a locked thread; the row
      // lock it takes orders concurrent replies without a read-then-write race.
      const [rows]: [{ reply_count: number }[], number] = await manager.query(
        `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = now()
          WHERE id = $1 AND NOT locked
          RETURNING reply_count`,
        [thread.id],
      );
      if (rows.length === 0) throw forbidden('This thread is locked, so it is not taking new replies.');

      if (input.replyToPostId) {
        const quoted = await manager.findOneBy(PostEntity, { id: input.replyToPostId, threadId: thread.id });
        if (!quoted) throw badInput('replyToPostId', 'The post you are replying to is not in this thread.');
        if (!hasRole(viewer.role, 'MODERATOR') && (await this.blocks.separated(viewer.id, quoted.authorId))) {
          throw badInput('replyToPostId', "You can't quote this post.");
        }
      }
      const post = await manager.save(
        manager.create(PostEntity, {
          threadId: thread.id,
          position: rows[0].reply_count + 1,
          authorId: viewer.id,
          replyToPostId: input.replyToPostId ?? null,
          status: screening.review ? 'PENDING_REVIEW' : 'VISIBLE',
          body: input.body,
          bodyHtml: renderMarkdown(input.body, mentions),
          contentWarning: input.contentWarning || null,
          topics: input.topics ?? [],
          mentionedUserIds: mentions.map((m) => m.id),
        }),
      );
      // Repliers watch by default; one who chose to stop watching stays stopped.
      await manager.query(
        `INSERT INTO thread_watches (thread_id, user_id, watching) VALUES ($1, $2, true) ON CONFLICT DO NOTHING`,
        [thread.id, viewer.id],
      );
      await this.announce(manager, post);
      await manager.query(`DELETE FROM drafts WHERE user_id = $1 AND draft_key = $2`, [viewer.id, `thread:${thread.id}`]);
      const safetyResources = await this.screening.afterWrite(manager, { type: 'POST', id: post.id, authorId: viewer.id }, screening);
      return { post, safetyResources };
    });
  }

  /**
   * The author edits within their window. In the first 5 minutes nothing is kept; later, the old
   * text is kept as a revision (moderators only) and the post is marked edited.
   */
  async editPost(args: EditPostArgs, viewer: Viewer): Promise<PostEntity> {
    const author = await this.author(viewer);
    const screening = await this.screening.screen(author, args.body, { isNew: false });
    const mentions = await this.resolveMentions(args.body, viewer.id);
    return inTransaction(this.dataSource, async (manager) => {
      const post = await manager
        .createQueryBuilder(PostEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: args.id })
        .getOne();
      if (!post || (post.authorId !== viewer.id && post.status !== 'VISIBLE' && !hasRole(viewer.role, 'MODERATOR'))) {
        throw notFound('That post');
      }
      if (post.authorId !== viewer.id) throw forbidden('You can only edit your own posts.');
      if (post.deletedAt) throw forbidden('This post was deleted, so it can no longer be edited.');
      const now = new Date();
      const decision = editDecision(post.createdAt, author.joinedAt, now);
      if (decision === 'expired') {
        throw forbidden(
          isNewMember(author.joinedAt, now)
            ? 'Posts can be edited for 24 hours during your first week, and this one is older than that.'
            : 'Posts can be edited for 30 days, and this one is older than that.',
        );
      }
      if (decision === 'revise') {
        await manager.insert(PostRevisionEntity, {
          postId: post.id,
          body: post.body,
          contentWarning: post.contentWarning,
        });
        post.editedAt = now;
      }
      const before = new Set(post.mentionedUserIds);
      post.body = args.body;
      post.bodyHtml = renderMarkdown(args.body, mentions);
      post.contentWarning = args.contentWarning || null;
      if (args.topics) post.topics = args.topics;
      post.mentionedUserIds = mentions.map((m) => m.id);
      if (screening.review && post.status === 'VISIBLE') post.status = 'PENDING_REVIEW';
      await manager.save(post);
      await this.screening.afterWrite(manager, { type: 'POST', id: post.id, authorId: viewer.id }, screening);
      if (mentions.some((m) => !before.has(m.id))) {
        await this.outbox.enqueue(manager, NOTIFY_MENTIONS, { postId: post.id });
      }
      return post;
    });
  }

  /** Soft delete by the author: the post keeps its place and shows as deleted. */
  async deletePost(id: string, viewer: Viewer): Promise<void> {
    const post = await this.visiblePost(id, viewer);
    if (post.authorId !== viewer.id) throw forbidden('You can only delete your own posts.');
    await this.dataSource.query(`UPDATE posts SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [post.id]);
  }

  /** Idempotent: reacting twice, or twenty times at once, leaves one reaction. */
  async react(postId: string, kind: ReactionKind, viewer: Viewer): Promise<PostEntity> {
    const post = await this.visiblePost(postId, viewer);
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
    const post = await this.visiblePost(postId, viewer);
    await this.dataSource.query(`DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3`, [
      post.id,
      viewer.id,
      kind,
    ]);
    return post;
  }

  async watchThread(threadId: string, watching: boolean, viewer: Viewer): Promise<ThreadEntity> {
    const thread = await this.visibleThread(threadId, viewer);
    if (!thread) throw notFound('That thread');
    if (watching) await this.assertNotSeparatedFromAuthor(thread, viewer, "You can't follow this thread.");
    await this.dataSource.query(
      `INSERT INTO thread_watches (thread_id, user_id, watching) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET watching = EXCLUDED.watching, updated_at = now()`,
      [thread.id, viewer.id, watching],
    );
    return thread;
  }

  /** Across a block a member neither replies in nor follows the other's threads (staff are not held back). */
  private async assertNotSeparatedFromAuthor(thread: ThreadEntity, viewer: Viewer, message: string): Promise<void> {
    if (hasRole(viewer.role, 'MODERATOR') || thread.authorId === viewer.id) return;
    if (await this.blocks.separated(viewer.id, thread.authorId)) throw forbidden(message);
  }

  /** Moderators: pinned threads list first; locked threads take no replies. */
  async setThreadFlag(threadId: string, flag: 'pinned' | 'locked', value: boolean, moderator: Viewer): Promise<ThreadEntity> {
    const thread = await this.findThread(threadId);
    if (!thread) throw notFound('That thread');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(ThreadEntity, { id: thread.id }, { [flag]: value });
      await this.moderationLog.record(manager, {
        moderatorId: moderator.id,
        action: flag === 'pinned' ? (value ? 'PIN' : 'UNPIN') : value ? 'LOCK' : 'UNLOCK',
        targetType: 'THREAD',
        targetId: thread.id,
        targetUserId: thread.authorId,
        content: thread.title,
      });
    });
    thread[flag] = value;
    return thread;
  }

  /** Queues the notifications a post causes; used again when held content goes live (idempotent). */
  async announce(manager: EntityManager, post: PostEntity): Promise<void> {
    if (post.position > 1) await this.outbox.enqueue(manager, NOTIFY_REPLY, { postId: post.id });
    if (post.mentionedUserIds.length > 0) await this.outbox.enqueue(manager, NOTIFY_MENTIONS, { postId: post.id });
  }

  // ---- Batch loads for field resolvers (one query per page, whatever its length) -------------

  /** Opening posts (position 1) by thread, as the viewer may see them. */
  async openingPostsByThreadIds(ids: readonly string[], viewer: Viewer): Promise<(PostEntity | null)[]> {
    const [visible, params] = visiblePosts(viewer);
    const rows = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.thread_id IN (:...ids) AND p.position = 1', { ids })
      .andWhere(visible, params)
      .getMany();
    return ids.map((id) => rows.find((r) => r.threadId === id) ?? null);
  }

  async threadsByIds(ids: readonly string[]): Promise<(ThreadEntity | null)[]> {
    return inOrder(ids, await this.dataSource.manager.findBy(ThreadEntity, { id: In([...ids]) }));
  }

  async categoriesByIds(ids: readonly string[]): Promise<(CategoryEntity | null)[]> {
    return inOrder(ids, await this.dataSource.manager.findBy(CategoryEntity, { id: In([...ids]) }));
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

  /** Counts of every reaction kind per post, and whether the viewer gave each. */
  async reactionsByPostIds(ids: readonly string[], viewerId: string): Promise<ReactionCount[][]> {
    const rows: { post_id: string; kind: ReactionKind; count: number; viewer_reacted: boolean }[] =
      await this.dataSource.query(
        `SELECT post_id, kind, count(*)::int AS count, bool_or(user_id = $2) AS viewer_reacted
           FROM reactions WHERE post_id = ANY($1::uuid[]) GROUP BY post_id, kind`,
        [ids, viewerId],
      );
    return ids.map((id) =>
      REACTION_KINDS.map((kind) => {
        const row = rows.find((r) => r.post_id === id && r.kind === kind);
        return { kind, count: row?.count ?? 0, viewerReacted: row?.viewer_reacted ?? false };
      }),
    );
  }

  async revisionsByPostIds(ids: readonly string[]): Promise<PostRevision[][]> {
    const rows = await this.dataSource.manager.find(PostRevisionEntity, {
      where: { postId: In([...ids]) },
      order: { createdAt: 'DESC' },
    });
    return ids.map((id) =>
      rows
        .filter((r) => r.postId === id)
        .map((r) => ({ body: r.body, contentWarning: r.contentWarning, replacedAt: r.createdAt })),
    );
  }

  async watchingByThreadIds(ids: readonly string[], viewerId: string): Promise<boolean[]> {
    const rows: { thread_id: string }[] = await this.dataSource.query(
      `SELECT thread_id FROM thread_watches WHERE thread_id = ANY($1::uuid[]) AND user_id = $2 AND watching`,
      [ids, viewerId],
    );
    const watching = new Set(rows.map((r) => r.thread_id));
    return ids.map((id) => watching.has(id));
  }

  // ---- Helpers ----------------------------------------------------------------------------

  private async author(viewer: Viewer): Promise<UserEntity> {
    return this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
  }

  /** Posting pace: slower for members in their first week; staff are not limited. */
  private async limitPosting(author: UserEntity, kind: 'post' | 'thread'): Promise<void> {
    if (hasRole(author.role, 'MODERATOR')) return;
    const limit = isNewMember(author.joinedAt) ? (`${kind}-new-member` as const) : kind;
    await this.rateLimits.consume(limit, author.id, postedTooSoon(kind === 'thread' ? 'starting threads' : 'posting'));
  }

  /**
   * The members a body @mentions, in order of first mention: never the author, never across a
   * block, at most 10.
   */
  private async resolveMentions(body: string, authorId: string): Promise<MentionTarget[]> {
    const candidates = mentionCandidates(body);
    if (candidates.length === 0) return [];
    const users: MentionTarget[] = await this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName" FROM users u
        WHERE lower(u.display_name) = ANY($1) AND u.deleted_at IS NULL AND u.id <> $2 AND NOT ${blockedBetween('u.id', '$2')}`,
      [candidates, authorId],
    );
    const pattern = mentionPattern(users.map((u) => u.displayName));
    if (!pattern) return [];
    const byName = new Map(users.map((u) => [u.displayName.toLowerCase(), u]));
    const mentioned = new Map<string, MentionTarget>();
    for (const match of body.matchAll(pattern)) {
      const user = byName.get(match[1].toLowerCase());
      if (user) mentioned.set(user.id, user);
    }
    if (mentioned.size > MAX_MENTIONS_PER_POST) {
      throw badInput('body', `A post can mention at most ${MAX_MENTIONS_PER_POST} members.`);
    }
    return [...mentioned.values()];
  }
}

function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
