import { Injectable, Module } from '@nestjs/common';
import type { NotificationType } from '@kinship/shared';
import { blockedBetween } from '../accounts/blocks.service';

/** A DataSource or a transaction's EntityManager: the writer joins whatever the caller is in. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** One notification for one member. */
export interface Notice {
  userId: string;
  type: NotificationType;
  /** With the member, the row's identity: writing the same key twice leaves one notification. */
  sourceKey: string;
  title: string;
  body: string;
  url: string;
  /** Crisis alerts: shown and emailed whatever the member's preferences and quiet hours say. */
  urgent?: boolean;
}

/**
 * Many notifications in one statement. `recipients` is a SELECT (parameters $1..$n in `params`)
 * yielding the columns `user_id`, `title`, `body`, `url`, and optionally `source_key` and
 * `urgent`; the writer adds the type, the key and the rules.
 */
export interface FanOut {
  type: NotificationType;
  /** The key for every row; without it, the SELECT yields a `source_key` per row. */
  sourceKey?: string;
  /** Urgent for every row, or 'column' when the SELECT yields an `urgent` per row. */
  urgent?: boolean | 'column';
  recipients: string;
  params: unknown[];
  /** SQL before the INSERT, e.g. `WITH due AS (UPDATE ... RETURNING ...)` the SELECT reads. */
  with?: string;
  /** The member whose act this is (an SQL expression over the params): they are never told, nor anyone across a block from them. */
  actor?: string;
  /** A batched notification ("3 members sent support") is rewritten in place rather than kept as it was. */
  onRepeat?: 'keep' | 'retitle';
}

/**
 * The one writer of notification rows; every domain's jobs tell members through it. The rules
 * of who hears what live here and in the notifications table, never in the callers:
 * - idempotence: (member, source key) is unique, so a job run twice, or by two workers, tells once;
 * - blocks: with an `actor`, nobody on either side of a block with them is told;
 * - deleted members get nothing, and the member's in-app preference for the type decides whether
 *   it shows (the table's BEFORE INSERT trigger, so no path can skip it; urgent ones always show);
 * - email preference, the delay before sending and quiet hours are applied when email is
 *   classified (email/email-delivery.service.ts), from the rows written here.
 */
@Injectable()
export class NotificationWriter {
  /**
   * Returns whether a notification was written (false when that key was already there, unless
   * `onRepeat` is 'retitle': then the existing one takes the new title).
   */
  async notify(db: Queryable, notice: Notice, onRepeat: 'keep' | 'retitle' = 'keep'): Promise<boolean> {
    const rows = (await db.query(
      `INSERT INTO notifications (user_id, type, source_key, title, body, url, urgent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, source_key) DO ${onRepeat === 'retitle' ? 'UPDATE SET title = EXCLUDED.title' : 'NOTHING'}
       RETURNING 1`,
      [notice.userId, notice.type, notice.sourceKey, notice.title, notice.body, notice.url, notice.urgent ?? false],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Returns the members newly told (or retitled). */
  async fanOut(db: Queryable, spec: FanOut): Promise<string[]> {
    const params = [...spec.params, spec.type];
    const type = `$${params.length}`;
    let key = 'r.source_key';
    if (spec.sourceKey !== undefined) {
      params.push(spec.sourceKey);
      key = `$${params.length}`;
    }
    const urgent = spec.urgent === 'column' ? 'r.urgent' : spec.urgent ? 'true' : 'false';
    const actor = spec.actor;
    // The statement starts with its INSERT (after any WITH), as pg_stat_activity shows it.
    const rows = (await db.query(
      `${spec.with ? `${spec.with.trim()}\n` : ''}INSERT INTO notifications (user_id, type, source_key, title, body, url, urgent)
       SELECT r.user_id, ${type}, ${key}, r.title, r.body, r.url, ${urgent}
         FROM (${spec.recipients}) r
        WHERE ${actor ? `r.user_id IS DISTINCT FROM ${actor} AND NOT ${blockedBetween('r.user_id', actor)}` : 'TRUE'}
       ON CONFLICT (user_id, source_key) DO ${spec.onRepeat === 'retitle' ? 'UPDATE SET title = EXCLUDED.title' : 'NOTHING'}
       RETURNING user_id`,
      params,
    )) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }
}

/** Provides the writer to the api's services and the worker's processors alike. */
@Module({ providers: [NotificationWriter], exports: [NotificationWriter] })
export class NotificationWriterModule {}
