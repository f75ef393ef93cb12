import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { REACTION_KINDS } from '@kinship/shared';
import type { ReactionKind } from '@kinship/shared';
import { Viewer } from '../../auth/viewer';
import { defineLoader, Loaders } from '../../graphql/loaders';
import { CategoryEntity } from './entities/category.entity';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { PostRevision, ReactionCount } from './models/post.model';
import { inOrder, visiblePosts } from './post-visibility';

const POSTS_BY_ID = defineLoader<string, PostEntity | null>('discussions.postsById');
const THREADS_BY_ID = defineLoader<string, ThreadEntity | null>('discussions.threadsById');
const OPENING_POSTS = defineLoader<string, PostEntity | null>('discussions.openingPostsByThreadId');
const CATEGORIES_BY_ID = defineLoader<string, CategoryEntity | null>('discussions.categoriesById');
const REACTIONS = defineLoader<string, ReactionCount[]>('discussions.reactionsByPostId');
const REVISIONS = defineLoader<string, PostRevision[]>('discussions.revisionsByPostId');
const WATCHING = defineLoader<string, boolean>('discussions.watchingByThreadId');

/**
 * Batch loads for field resolvers, here and in other domains: one query per page, whatever its
 * length. Each load goes through the request's one loader for its key.
 */
@Injectable()
export class DiscussionLoadsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A post as the viewer may see it (null when they may not). */
  post(loaders: Loaders, id: string, viewer: Viewer): Promise<PostEntity | null> {
    return loaders.for(POSTS_BY_ID, (ids) => this.postsByIds(ids, viewer)).load(id);
  }

  thread(loaders: Loaders, id: string): Promise<ThreadEntity | null> {
    return loaders.for(THREADS_BY_ID, (ids) => this.threadsByIds(ids)).load(id);
  }

  /** A thread's opening post (position 1), as the viewer may see it. */
  openingPost(loaders: Loaders, threadId: string, viewer: Viewer): Promise<PostEntity | null> {
    return loaders.for(OPENING_POSTS, (ids) => this.openingPostsByThreadIds(ids, viewer)).load(threadId);
  }

  category(loaders: Loaders, id: string): Promise<CategoryEntity | null> {
    return loaders.for(CATEGORIES_BY_ID, (ids) => this.categoriesByIds(ids)).load(id);
  }

  /** Counts of every reaction kind on a post, and whether the viewer gave each. */
  reactions(loaders: Loaders, postId: string, viewer: Viewer): Promise<ReactionCount[]> {
    return loaders.for(REACTIONS, (ids) => this.reactionsByPostIds(ids, viewer.id)).load(postId);
  }

  revisions(loaders: Loaders, postId: string): Promise<PostRevision[]> {
    return loaders.for(REVISIONS, (ids) => this.revisionsByPostIds(ids)).load(postId);
  }

  watching(loaders: Loaders, threadId: string, viewer: Viewer): Promise<boolean> {
    return loaders.for(WATCHING, (ids) => this.watchingByThreadIds(ids, viewer.id)).load(threadId);
  }

  private async openingPostsByThreadIds(ids: readonly string[], viewer: Viewer): Promise<(PostEntity | null)[]> {
    const [visible, params] = visiblePosts(viewer);
    const rows = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.thread_id IN (:...ids) AND p.position = 1', { ids })
      .andWhere(visible, params)
      .getMany();
    return ids.map((id) => rows.find((r) => r.threadId === id) ?? null);
  }

  private async threadsByIds(ids: readonly string[]): Promise<(ThreadEntity | null)[]> {
    return inOrder(ids, await this.dataSource.manager.findBy(ThreadEntity, { id: In([...ids]) }));
  }

  private async categoriesByIds(ids: readonly string[]): Promise<(CategoryEntity | null)[]> {
    return inOrder(ids, await this.dataSource.manager.findBy(CategoryEntity, { id: In([...ids]) }));
  }

  private async postsByIds(ids: readonly string[], viewer: Viewer): Promise<(PostEntity | null)[]> {
    const [visible, params] = visiblePosts(viewer);
    const rows = await this.dataSource.manager
      .createQueryBuilder(PostEntity, 'p')
      .where('p.id IN (:...ids)', { ids })
      .andWhere(visible, params)
      .getMany();
    return inOrder(ids, rows);
  }

  private async reactionsByPostIds(ids: readonly string[], viewerId: string): Promise<ReactionCount[][]> {
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

  private async revisionsByPostIds(ids: readonly string[]): Promise<PostRevision[][]> {
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

  private async watchingByThreadIds(ids: readonly string[], viewerId: string): Promise<boolean[]> {
    const rows: { thread_id: string }[] = await this.dataSource.query(
      `SELECT thread_id FROM thread_watches WHERE thread_id = ANY($1::uuid[]) AND user_id = $2 AND watching`,
      [ids, viewerId],
    );
    const watching = new Set(rows.map((r) => r.thread_id));
    return ids.map((id) => watching.has(id));
  }
}
