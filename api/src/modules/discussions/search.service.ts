import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Viewer } from '../../auth/viewer';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { isStatementTimeout } from '../../database/availability';
import { badInput } from '../../graphql/errors';
import { Connection, CursorKey, decodeCursor, pageSize, toConnection } from '../../graphql/connection';
import { blockedBetween } from '../accounts/blocks.service';
import { SearchArgs } from './dto/search.args';
import { PostEntity } from './entities/post.entity';
import { Post, toPost } from './models/post.model';

// Private-use characters mark matches in ts_headline's output; a member cannot type them into a
// match, and they are swapped for <mark> only after the text has been escaped.
const START = '\uE000';
const STOP = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

export function headlineToHtml(headline: string): string {
  return headline
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replaceAll(START, '<mark>')
    .replaceAll(STOP, '</mark>');
}

/**
 * How many of the newest matching posts are ranked. Ranking reads every candidate's vector, so
 * ranking all 40,000 posts that hold a common word took 300+ ms; the best of the newest 500 stays
 * fast at any size, and a peer-support forum's recent words are usually the ones wanted.
 */
export const SEARCH_CANDIDATES = 500;

/**
 * Full-text search over titles and bodies (posts.search_vector, kept by a trigger, GIN-indexed).
 * Member text goes through websearch_to_tsquery, which accepts anything without a syntax error.
 * Only VISIBLE, undeleted posts between members not separated by a block are ever returned,
 * ranked among the newest SEARCH_CANDIDATES matches. A search that runs longer than
 * SEARCH_TIMEOUT_MS is cancelled by PostgreSQL and answered with an error naming the query, so a
 * pathological one cannot hold a connection for the whole statement timeout.
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(args: SearchArgs, viewer: Viewer): Promise<Connection<Post>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['decimal', 'uuid']);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [String(this.config.database.searchTimeoutMs)]);
        return await this.page(manager, args, viewer, first, after);
      });
    } catch (error) {
      if (isStatementTimeout(error)) {
        throw badInput('query', 'That search took too long. Try fewer or more specific words, or search again in a moment.');
      }
      throw error;
    }
  }

  private async page(
    manager: EntityManager,
    args: SearchArgs,
    viewer: Viewer,
    first: number,
    after: CursorKey | null,
  ): Promise<Connection<Post>> {
    const rows: { id: string; rank: string; headline: string }[] = await manager.query(
      // The query is written inline (not in a CTE) and the candidates are chosen before the
      // viewer's filters, so the planner's estimate is the words' own: a rare word is read
      // through the GIN index, a common one newest-first down posts_created_at_idx. Either way a
      // search costs about 20 ms at 300,000 posts (tests/bench).
      `WITH candidates AS (
         SELECT p.id, p.author_id, p.thread_id, p.search_vector
           FROM posts p
          WHERE p.search_vector @@ websearch_to_tsquery('english', $1)
            AND p.status = 'VISIBLE' AND p.deleted_at IS NULL
          ORDER BY p.created_at DESC
          LIMIT ${SEARCH_CANDIDATES}
       ),
       ranked AS (
         SELECT c.id, round(ts_rank_cd(c.search_vector, websearch_to_tsquery('english', $1))::numeric, 6) AS rank
           FROM candidates c
          WHERE NOT ${blockedBetween('c.author_id', '$2')}
            AND EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = c.thread_id AND op.position = 1 AND op.status = 'VISIBLE')
       ),
       page AS (
         SELECT id, rank FROM ranked
          WHERE $3::numeric IS NULL OR (rank, id) < ($3::numeric, $4::uuid)
          ORDER BY rank DESC, id DESC
          LIMIT $5
       )
       SELECT page.id, page.rank::text AS rank,
              ts_headline('english', p.body, websearch_to_tsquery('english', $1), $6) AS headline
         FROM page JOIN posts p ON p.id = page.id
        ORDER BY page.rank DESC, page.id DESC`,
      [args.query, viewer.id, after?.[0] ?? null, after?.[1] ?? null, first + 1, HEADLINE_OPTIONS],
    );
    const posts = await manager.findBy(PostEntity, { id: In(rows.map((r) => r.id)) });
    const byId = new Map(posts.map((p) => [p.id, p]));
    const found = rows.filter((r) => byId.has(r.id));
    return toConnection(
      found,
      first,
      (r) => [r.rank, r.id],
      (r) => toPost(byId.get(r.id)!, headlineToHtml(r.headline)),
    );
  }
}
