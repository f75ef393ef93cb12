import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../../auth/viewer';
import { badInput } from '../../graphql/errors';
import { DRAFT_KEY, DRAFT_KEY_MESSAGE, SaveDraftInput } from './dto/draft.input';
import { DraftEntity } from './entities/draft.entity';

const KEEP_DAYS = 30;

/** Half-written posts, kept server-side per member and place so they survive a reload. */
@Injectable()
export class DraftsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(viewer: Viewer, key: string): Promise<DraftEntity | null> {
    if (!DRAFT_KEY.test(key)) throw badInput('key', DRAFT_KEY_MESSAGE);
    return this.dataSource.manager
      .createQueryBuilder(DraftEntity, 'd')
      .where('d.user_id = :userId AND d.draft_key = :key', { userId: viewer.id, key })
      .andWhere(`d.updated_at > now() - interval '${KEEP_DAYS} days'`)
      .getOne();
  }

  /** Saves (or, with an empty body and title, discards) the draft; old drafts are dropped on the way. */
  async save(viewer: Viewer, input: SaveDraftInput): Promise<DraftEntity | null> {
    await this.dataSource.query(`DELETE FROM drafts WHERE user_id = $1 AND updated_at < now() - interval '${KEEP_DAYS} days'`, [
      viewer.id,
    ]);
    if (!input.body.trim() && !input.title?.trim()) {
      await this.discard(viewer, input.key);
      return null;
    }
    const [row]: DraftEntity[] = await this.dataSource.query(
      `INSERT INTO drafts (user_id, draft_key, title, body, category_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id, draft_key) DO UPDATE
         SET title = EXCLUDED.title, body = EXCLUDED.body, category_id = EXCLUDED.category_id, updated_at = now()
       RETURNING draft_key AS key, title, body, category_id AS "categoryId", updated_at AS "updatedAt"`,
      [viewer.id, input.key, input.title ?? null, input.body, input.categoryId ?? null],
    );
    return row;
  }

  async discard(viewer: Viewer, key: string): Promise<void> {
    if (!DRAFT_KEY.test(key)) throw badInput('key', DRAFT_KEY_MESSAGE);
    await this.dataSource.query(`DELETE FROM drafts WHERE user_id = $1 AND draft_key = $2`, [viewer.id, key]);
  }
}
