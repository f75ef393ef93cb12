import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FlagReason } from '@kinship/shared';
import { ModerationActionEntity } from '../screening/entities/moderation-action.entity';
import { FlagNote, FlagReasonCount } from './models/moderation.models';

/** Batch loads for the queue page's field resolvers: one query per page, whatever its length. */
@Injectable()
export class CaseDetailsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async reasonsByCaseIds(ids: readonly string[]): Promise<FlagReasonCount[][]> {
    const rows: { case_id: string; reason: FlagReason; count: number }[] = await this.dataSource.query(
      `SELECT case_id, reason, count(*)::int AS count FROM flags WHERE case_id = ANY($1::uuid[])
        GROUP BY case_id, reason ORDER BY count DESC, reason`,
      [ids],
    );
    return ids.map((id) => rows.filter((r) => r.case_id === id).map((r) => ({ reason: r.reason, count: r.count })));
  }

  async notesByCaseIds(ids: readonly string[]): Promise<FlagNote[][]> {
    const rows: { case_id: string; reason: FlagReason; note: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT case_id, reason, note, created_at FROM flags WHERE case_id = ANY($1::uuid[]) AND note IS NOT NULL
        ORDER BY created_at`,
      [ids],
    );
    return ids.map((id) =>
      rows.filter((r) => r.case_id === id).map((r) => ({ reason: r.reason, note: r.note, createdAt: r.created_at })),
    );
  }

  async warningCountsByUserIds(ids: readonly string[]): Promise<number[]> {
    const rows: { user_id: string; count: number }[] = await this.dataSource.query(
      `SELECT a.target_user_id AS user_id, count(*)::int AS count FROM moderation_actions a
        WHERE a.action = 'WARN' AND a.target_user_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM appeals ap WHERE ap.action_id = a.id AND ap.status = 'UPHELD')
        GROUP BY a.target_user_id`,
      [ids],
    );
    return ids.map((id) => rows.find((r) => r.user_id === id)?.count ?? 0);
  }

  /** For authors and moderators: the latest decision that hid or removed each post. */
  async latestDecisionByPostIds(ids: readonly string[]): Promise<(ModerationActionEntity | null)[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(ModerationActionEntity, 'a')
      .distinctOn(['a.target_id'])
      .where('a.target_id IN (:...ids)', { ids })
      .andWhere("a.action IN ('HIDE', 'REMOVE', 'AUTO_HIDE')")
      .orderBy('a.target_id')
      .addOrderBy('a.created_at', 'DESC')
      .getMany();
    return ids.map((id) => rows.find((r) => r.targetId === id) ?? null);
  }
}
