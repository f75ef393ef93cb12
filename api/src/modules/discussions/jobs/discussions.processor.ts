import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectLogger, Logger } from '../../../common/logger.module';
import { JobRegistry } from '../../../queue/job-registry';
import { blockedBetween } from '../../accounts/blocks.service';
import { NotificationWriter } from '../../notifications/notification-writer';
import { reactionSummary } from '../posting-rules';
import { NOTIFY_MENTIONS, NOTIFY_REACTION, NOTIFY_REPLY } from './discussions.jobs';

const REACTION_BATCH_MS = 10 * 60_000;

interface PostFacts {
  thread_id: string;
  position: number;
  author_id: string;
  author_name: string;
  reply_to_post_id: string | null;
  mentioned_user_ids: string[];
  thread_author_id: string;
  thread_title: string;
}

function postUrl(post: PostFacts): string {
  return `/threads/${post.thread_id}?at=${post.position}#post-${post.position}`;
}

/**
 * Tells members what happened around posts (replies, mentions, reactions). Each handler reloads what it needs by id, skips what
 * is gone or hidden, and writes with the (user, source) unique key, so a job that runs twice
 * (or two workers running it at once) has one effect.
 */
@Injectable()
export class DiscussionsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectLogger() private readonly logger: Logger,
    private readonly notifications: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFY_REPLY, (payload) => this.reply(payload.postId));
    this.registry.register(NOTIFY_MENTIONS, (payload) => this.mentions(payload.postId));
    this.registry.register(NOTIFY_REACTION, (payload) => this.reaction(payload.postId));
  }

  /** A visible, undeleted post with what the notifications need, or null. */
  private async post(postId: string): Promise<PostFacts | null> {
    const rows: PostFacts[] = await this.dataSource.query(
      `SELECT p.thread_id, p.position, p.author_id, u.display_name AS author_name, p.reply_to_post_id,
              p.mentioned_user_ids, t.author_id AS thread_author_id, t.title AS thread_title
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
         JOIN users u ON u.id = p.author_id
        WHERE p.id = $1 AND p.status = 'VISIBLE' AND p.deleted_at IS NULL`,
      [postId],
    );
    return rows[0] ?? null;
  }

  /**
   * Fan-out in one statement: every watcher of the thread, plus the author of a quoted post, minus
   * the replier, anyone separated from them by a block, and anyone the reply mentions (they get a
   * MENTION instead).
   */
  async reply(postId: string): Promise<void> {
    const post = await this.post(postId);
    if (!post) return;
    const told = await this.notifications.fanOut(this.dataSource, {
      type: 'REPLY',
      sourceKey: `reply:${postId}`,
      actor: '$1',
      recipients: `
        SELECT r.user_id,
               CASE WHEN r.user_id = $2 THEN $3 || ' replied to your thread'
                    WHEN r.quoted THEN $3 || ' replied to your post'
                    ELSE $3 || ' replied in a thread you follow' END AS title,
               $4 AS body, $5 AS url
          FROM (
            SELECT DISTINCT ON (user_id) user_id, quoted FROM (
              SELECT w.user_id, false AS quoted FROM thread_watches w WHERE w.thread_id = $6 AND w.watching
              UNION ALL
              SELECT q.author_id, true FROM posts q WHERE q.id = $7
            ) candidates ORDER BY user_id, quoted DESC
          ) r
         WHERE NOT (r.user_id = ANY($8::uuid[]))`,
      params: [
        post.author_id,
        post.thread_author_id,
        post.author_name,
        post.thread_title,
        postUrl(post),
        post.thread_id,
        post.reply_to_post_id,
        post.mentioned_user_ids,
      ],
    });
    const inserted = told.length;
    this.logger.debug({ postId, inserted }, 'reply notifications');
  }

  /** One MENTION per mentioned member (blocks re-checked now, the author never). */
  async mentions(postId: string): Promise<void> {
    const post = await this.post(postId);
    if (!post || post.mentioned_user_ids.length === 0) return;
    await this.notifications.fanOut(this.dataSource, {
      type: 'MENTION',
      sourceKey: `mention:${postId}`,
      actor: '$1',
      recipients: `SELECT u.id AS user_id, $2 || ' mentioned you' AS title, $3 AS body, $4 AS url
                     FROM users u WHERE u.id = ANY($5::uuid[])`,
      params: [post.author_id, post.author_name, post.thread_title, postUrl(post), post.mentioned_user_ids],
    });
  }

  /**
   * Reactions arrive in batches: while the author's latest reaction notification for this post is
   * unread and under 10 minutes old it is rewritten ("3 members sent support"); otherwise a new
   * one starts with the reactions it has not covered. A transaction-scoped advisory lock per post
   * keeps two workers from starting two batches at once.
   */
  async reaction(postId: string): Promise<void> {
    const post = await this.post(postId);
    if (!post) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reaction:${postId}`]);
      const [latest]: { source_key: string; created_at: Date; read_at: Date | null }[] = await manager.query(
        `SELECT source_key, created_at, read_at FROM notifications
          WHERE user_id = $1 AND type = 'REACTION' AND source_key LIKE $2
          ORDER BY created_at DESC LIMIT 1`,
        [post.author_id, `reaction:${postId}:%`],
      );
      const openBatch =
        latest && !latest.read_at && Date.now() - latest.created_at.getTime() < REACTION_BATCH_MS ? latest : null;
      // An open batch counts from its first reaction; a closed one covered everything up to when it
      // was read or its window ended, so a new batch starts after that.
      const since = openBatch
        ? new Date(Number(openBatch.source_key.split(':')[2]))
        : latest
          ? new Date(Math.min(latest.read_at?.getTime() ?? Infinity, latest.created_at.getTime() + REACTION_BATCH_MS))
          : new Date(0);
      const reactions: { kind: string; user_id: string; display_name: string; created_at: Date }[] = await manager.query(
        `SELECT r.kind, r.user_id, u.display_name, r.created_at
           FROM reactions r JOIN users u ON u.id = r.user_id
          WHERE r.post_id = $1 AND r.user_id <> $2 AND r.created_at ${openBatch ? '>=' : '>'} $3
            AND NOT ${blockedBetween('r.user_id', '$2')}
          ORDER BY r.created_at`,
        [postId, post.author_id, since],
      );
      if (reactions.length === 0) return;
      const members = new Set(reactions.map((r) => r.user_id)).size;
      const title = reactionSummary(
        reactions.map((r) => r.kind),
        members,
        reactions[0].display_name,
      );
      const sourceKey = openBatch?.source_key ?? `reaction:${postId}:${reactions[0].created_at.getTime()}`;
      await this.notifications.notify(
        manager,
        { userId: post.author_id, type: 'REACTION', sourceKey, title, body: post.thread_title, url: postUrl(post) },
        'retitle',
      );
    });
  }
}
