import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { detectCrisis, hasRole, Role, SAFETY_RESOURCES, SafetyResource } from '@kinship/shared';
import { badInput } from '../../graphql/errors';
import { OutboxService } from '../../queue/outbox.service';
import { CaseKind, FlagPriority, TargetType } from './entities/flag-case.entity';
import { ESCALATE_CRISIS, NOTIFY_CASE } from './jobs/screening.jobs';
import { ModerationSettingsService } from './moderation-settings.service';

export interface Screening {
  /** The post must wait for a moderator (first posts, or a REVIEW word). */
  review: boolean;
  /** The text reads as a crisis: show help, open a CRISIS case, alert moderators. */
  crisis: boolean;
}

/** A whole-word, case-insensitive match of any watched word (phrases allowed). */
export function watchedWordPattern(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(${alternatives})(?![\\p{L}\\p{N}_])`, 'iu');
}

/**
 * What happens to new or edited content before and after it is stored: watched words, the
 * first-posts rule, and crisis detection. Called by the domains inside their own transaction.
 */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ModerationSettingsService,
    private readonly outbox: OutboxService,
  ) {}

  /** Throws on a BLOCK word; otherwise says whether the post waits for review and reads as a crisis. */
  async screen(author: { id: string; role: Role }, text: string, options: { isNew: boolean }): Promise<Screening> {
    const words: { word: string; action: 'BLOCK' | 'REVIEW' }[] = await this.dataSource.query(
      `SELECT word, action FROM watched_words`,
    );
    const blocked = watchedWordPattern(words.filter((w) => w.action === 'BLOCK').map((w) => w.word))?.exec(text);
    if (blocked) {
      throw badInput(
        'body',
        `Your post includes “${blocked[1]}”, which this community does not allow. Please rephrase it and post again.`,
      );
    }
    const reviewWord = watchedWordPattern(words.filter((w) => w.action === 'REVIEW').map((w) => w.word))?.test(text) ?? false;
    let firstPosts = false;
    const { premodFirstPosts } = await this.settings.current();
    if (options.isNew && premodFirstPosts > 0 && !hasRole(author.role, 'MODERATOR')) {
      const [{ approved }]: { approved: number }[] = await this.dataSource.query(
        `SELECT count(*)::int AS approved FROM posts WHERE author_id = $1 AND status = 'VISIBLE'`,
        [author.id],
      );
      firstPosts = approved < premodFirstPosts;
    }
    return { review: reviewWord || firstPosts, crisis: detectCrisis(text).crisis };
  }

  /** After the content row is written (same transaction): open the cases its screening calls for. */
  async afterWrite(
    manager: EntityManager,
    target: { type: TargetType; id: string; authorId: string },
    screening: Screening,
  ): Promise<SafetyResource[]> {
    if (screening.review) await this.openCase(manager, 'PREMODERATION', 'NORMAL', target);
    if (!screening.crisis) return [];
    const { id, created } = await this.openCase(manager, 'CRISIS', 'CRISIS', target);
    if (created) {
      const { crisisEscalationMs } = await this.settings.current();
      // The deadline is kept here, in PostgreSQL; the delayed job only makes it prompt (the worker's sweep backs it up).
      await manager.query(`UPDATE flag_cases SET escalate_at = now() + make_interval(secs => $2::double precision / 1000) WHERE id = $1`, [
        id,
        crisisEscalationMs,
      ]);
      await this.outbox.enqueue(manager, ESCALATE_CRISIS, { caseId: id }, { delayMs: crisisEscalationMs, jobId: `crisis-escalation-${id}` });
    }
    return [...SAFETY_RESOURCES];
  }

  /** Finds the open case of this kind for the item, or opens one and tells the moderators. */
  async openCase(
    manager: EntityManager,
    kind: CaseKind,
    priority: FlagPriority,
    target: { type: TargetType; id: string; authorId: string | null },
  ): Promise<{ id: string; created: boolean }> {
    const [row]: { id: string; created: boolean }[] = await manager.query(
      `INSERT INTO flag_cases (kind, target_type, target_id, target_user_id, priority)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (target_type, target_id, kind) WHERE status = 'OPEN' DO UPDATE SET updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [kind, target.type, target.id, target.authorId, priority],
    );
    if (row.created) await this.outbox.enqueue(manager, NOTIFY_CASE, { caseId: row.id });
    return row;
  }
}
