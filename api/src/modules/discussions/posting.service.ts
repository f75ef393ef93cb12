import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@kinship/shared';
import type { SafetyResource, SensitiveTopic } from '@kinship/shared';
import { MAX_MENTIONS_PER_POST, mentionCandidates, mentionPattern } from '../../common/mentions';
import { MentionTarget, renderMarkdown } from '../../common/markdown';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { badInput, DomainError, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { blockedBetween, BlocksService } from '../accounts/blocks.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { NOTIFY_MENTIONS, NOTIFY_REPLY } from './jobs/discussions.jobs';
import { ScreeningService } from '../screening/screening.service';
import { WALL_CATEGORY_SLUG } from './categories.service';
import { CreateThreadInput } from './dto/create-thread.input';
import { EditPostArgs } from './dto/edit-post.args';
import { ReplyInput } from './dto/reply.input';
import { CategoryEntity } from './entities/category.entity';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { editDecision, isNewMember } from './posting-rules';
import { ThreadReadingService } from './thread-reading.service';

/** A post just written, and the crisis resources to show its author (empty unless it reads as a crisis). */
export interface Written {
  post: PostEntity;
  safetyResources: SafetyResource[];
}

/** What a new post is made of; `newPost` fills in the rest the same way for every kind of post. */
export interface NewPostFields {
  threadId: string;
  position: number;
  authorId: string;
  body: string;
  mentions?: MentionTarget[];
  replyToPostId?: string | null;
  contentWarning?: string | null;
  topics?: SensitiveTopic[];
  /** Screening asked for a moderator's look first: the post waits as PENDING_REVIEW. */
  heldForReview?: boolean;
}

export interface CreateThreadOptions {
  /** A celebration's thread, the only kind allowed in the milestone-wall category. */
  forWall?: boolean;
  /** More to write in the same transaction as the thread (it all commits, or none of it does). */
  alongside?: (manager: EntityManager, post: PostEntity) => Promise<void>;
}

const postedTooSoon = (what: string) => (seconds: number) =>
  new DomainError(
    'RATE_LIMITED',
    `You're ${what} quickly. Please wait ${Math.max(1, Math.ceil(seconds))} seconds and try again.`,
    { retryAfterSeconds: Math.ceil(seconds) },
  );

/** Writing posts: new threads, replies, edits and deletions, each screened and paced. */
@Injectable()
export class PostingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitService,
    private readonly screening: ScreeningService,
    private readonly blocks: BlocksService,
    private readonly reading: ThreadReadingService,
  ) {}

  async createThread(input: CreateThreadInput, viewer: Viewer, options: CreateThreadOptions = {}): Promise<Written> {
    const author = await this.author(viewer);
    const category = await this.dataSource.manager.findOneBy(CategoryEntity, { id: input.categoryId });
    if (!category || (category.slug === WALL_CATEGORY_SLUG) !== (options.forWall ?? false)) {
      throw badInput('categoryId', 'That category does not exist. Please choose one from the list.');
    }
    const screening = await this.screening.screen(author, `${input.title}\n${input.body}`, { isNew: true });
    const mentions = await this.resolveMentions(input.body, viewer.id);
    await this.limitPosting(author, 'thread');
    return inTransaction(this.dataSource, async (manager) => {
      const post = await this.startThread(manager, category.id, input.title, {
        authorId: viewer.id,
        body: input.body,
        mentions,
        contentWarning: input.contentWarning,
        topics: input.topics,
        heldForReview: screening.review,
      });
      await manager.query(`DELETE FROM drafts WHERE user_id = $1 AND draft_key = 'new-thread'`, [viewer.id]);
      await options.alongside?.(manager, post);
      const safetyResources = await this.screening.afterWrite(manager, { type: 'POST', id: post.id, authorId: viewer.id }, screening);
      return { post, safetyResources };
    });
  }

  /** A thread and its opening post, in the caller's transaction (also the daily milestone celebrations'). */
  async startThread(
    manager: EntityManager,
    categoryId: string,
    title: string,
    opening: Omit<NewPostFields, 'threadId' | 'position'>,
  ): Promise<PostEntity> {
    const thread = await manager.save(manager.create(ThreadEntity, { categoryId, authorId: opening.authorId, title }));
    return this.newPost(manager, { ...opening, threadId: thread.id, position: 1 });
  }

  async reply(input: ReplyInput, viewer: Viewer): Promise<Written> {
    const author = await this.author(viewer);
    const thread = await this.reading.visibleThread(input.threadId, viewer);
    if (!thread) throw notFound('That thread');
    await this.reading.assertNotSeparatedFromAuthor(thread, viewer, "You can't reply in this thread.");
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
      const post = await this.newPost(manager, {
        threadId: thread.id,
        position: rows[0].reply_count + 1,
        authorId: viewer.id,
        replyToPostId: input.replyToPostId,
        body: input.body,
        mentions,
        contentWarning: input.contentWarning,
        topics: input.topics,
        heldForReview: screening.review,
      });
      await manager.query(`DELETE FROM drafts WHERE user_id = $1 AND draft_key = $2`, [viewer.id, `thread:${thread.id}`]);
      const safetyResources = await this.screening.afterWrite(manager, { type: 'POST', id: post.id, authorId: viewer.id }, screening);
      return { post, safetyResources };
    });
  }

  /**
   * The one way a post is made: the row, its author watching the thread (one who chose to stop
   * watching stays stopped), and the notifications it causes queued in the same transaction.
   */
  async newPost(manager: EntityManager, fields: NewPostFields): Promise<PostEntity> {
    const mentions = fields.mentions ?? [];
    const post = await manager.save(
      manager.create(PostEntity, {
        threadId: fields.threadId,
        position: fields.position,
        authorId: fields.authorId,
        replyToPostId: fields.replyToPostId ?? null,
        status: fields.heldForReview ? 'PENDING_REVIEW' : 'VISIBLE',
        body: fields.body,
        bodyHtml: renderMarkdown(fields.body, mentions),
        contentWarning: fields.contentWarning || null,
        topics: fields.topics ?? [],
        mentionedUserIds: mentions.map((m) => m.id),
      }),
    );
    await manager.query(
      `INSERT INTO thread_watches (thread_id, user_id, watching) VALUES ($1, $2, true) ON CONFLICT DO NOTHING`,
      [post.threadId, post.authorId],
    );
    await this.queueNotifications(manager, post);
    return post;
  }

  /** Queues the notifications a post causes; used again when held content goes live (idempotent). */
  async queueNotifications(manager: EntityManager, post: PostEntity): Promise<void> {
    if (post.position > 1) await this.outbox.enqueue(manager, NOTIFY_REPLY, { postId: post.id });
    if (post.mentionedUserIds.length > 0) await this.outbox.enqueue(manager, NOTIFY_MENTIONS, { postId: post.id });
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
    const post = await this.reading.visiblePost(id, viewer);
    if (post.authorId !== viewer.id) throw forbidden('You can only delete your own posts.');
    await this.dataSource.query(`UPDATE posts SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [post.id]);
  }

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
