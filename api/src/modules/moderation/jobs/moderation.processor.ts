import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { JobRegistry } from '../../../queue/job-registry';
import { SweepRegistry } from '../../../queue/sweeper.service';
import { CaseKind } from '../../screening/entities/flag-case.entity';
import { NotificationWriter } from '../../notifications/notification-writer';
import { ModerationLogService } from '../../screening/moderation-log.service';
import { ESCALATE_CRISIS, NOTIFY_CASE } from '../../screening/jobs/screening.jobs';
import { NOTIFY_APPEAL, NOTIFY_OUTCOME, REMIND_STALE_CASES } from './moderation.jobs';

const CASE_TITLES: Record<CaseKind, string> = {
  CRISIS: 'Urgent: a member may be in crisis',
  SUPPORT: 'A member may need support: please check in with them',
  RULES: 'New flags to review',
  PREMODERATION: 'A post is waiting for approval',
};

/** What the affected member is told, by action. */
/** What the member's item is called in an outcome ("A moderator removed your message"). */
const ITEM_NOUNS: Record<string, string> = {
  POST: 'post',
  EVENT: 'event',
  RESOURCE: 'resource posting',
  MESSAGE: 'message',
  CONVERSATION: 'message',
};

const OUTCOME_TITLES: Record<string, string> = {
  HIDE: 'A moderator hid your post',
  REMOVE: 'A moderator removed your post',
  AUTO_HIDE: 'Your post is hidden while a moderator reviews it',
  RESTORE: 'Your post is visible again',
  APPROVE: 'Your post was approved and is now visible',
  WARN: 'A moderator sent you a warning',
  SUSPEND: 'Your account has been suspended for a while',
  APPEAL_UPHELD: 'Your appeal was upheld',
  APPEAL_DENIED: 'Your appeal was not upheld',
};

/**
 * Moderation's notifications. Moderators' alerts about crisis cases go out at once, whatever a
 * moderator's other preferences; every write uses a (user, source) key, so reruns change nothing.
 */
@Injectable()
export class ModerationProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly sweeps: SweepRegistry,
    private readonly log: ModerationLogService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFY_CASE, (p) => this.caseOpened(p.caseId));
    this.registry.register(ESCALATE_CRISIS, (p) => this.escalate(p.caseId));
    this.registry.register(NOTIFY_OUTCOME, (p) => this.outcome(p.actionId));
    this.registry.register(NOTIFY_APPEAL, (p) => this.appealed(p.appealId));
    this.registry.register(REMIND_STALE_CASES, () => this.remindStale());
    this.sweeps.register('crisis-escalations', () => this.escalateDue());
  }

  /** Every crisis case past its escalation time and not yet settled, whatever became of its delayed job. */
  async escalateDue(): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM flag_cases WHERE escalate_at <= now() AND escalated_at IS NULL ORDER BY escalate_at LIMIT 100`,
    );
    for (const { id } of due) await this.escalate(id);
    return due.length;
  }

  /** Every moderator and admin hears of a new case. */
  async caseOpened(caseId: string, sourceKey = `case:${caseId}`): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: 'FLAG_RAISED',
      sourceKey,
      urgent: 'column',
      recipients: `
        SELECT u.id AS user_id,
               CASE c.kind WHEN 'CRISIS' THEN $2 WHEN 'SUPPORT' THEN $3 WHEN 'PREMODERATION' THEN $5 ELSE $4 END AS title,
               'Open the review queue to see it.' AS body, '/moderation/cases/' || c.id AS url, c.kind = 'CRISIS' AS urgent
          FROM flag_cases c, users u
         WHERE c.id = $1 AND c.status = 'OPEN' AND u.role IN ('MODERATOR', 'ADMIN')`,
      params: [caseId, CASE_TITLES.CRISIS, CASE_TITLES.SUPPORT, CASE_TITLES.RULES, CASE_TITLES.PREMODERATION],
    });
  }

  /**
   * At the escalation time (the delayed job, or the sweep if Redis lost it): admins are alerted
   * unless a moderator has acknowledged the case. Either way the escalation is settled, once.
   */
  async escalate(caseId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [crisis]: { target_user_id: string | null; waiting: boolean }[] = await manager.query(
        `SELECT target_user_id, status = 'OPEN' AND acknowledged_at IS NULL AS waiting FROM flag_cases
          WHERE id = $1 AND kind = 'CRISIS' FOR UPDATE`,
        [caseId],
      );
      if (!crisis) return;
      await manager.query(`UPDATE flag_cases SET escalated_at = now() WHERE id = $1 AND escalated_at IS NULL`, [caseId]);
      if (!crisis.waiting) return;
      const inserted = await this.notifications.fanOut(manager, {
        type: 'FLAG_RAISED',
        sourceKey: `crisis-escalation:${caseId}`,
        urgent: true,
        recipients: `
          SELECT u.id AS user_id, 'No moderator has answered a crisis alert' AS title,
                 'A member may be in crisis and nobody has taken the case yet. Please open it now.' AS body,
                 '/moderation/cases/' || $1 AS url
            FROM users u WHERE u.role = 'ADMIN'`,
        params: [caseId],
      });
      if (inserted.length > 0) {
        await this.log.record(manager, {
          moderatorId: null,
          action: 'ESCALATE',
          targetType: 'USER',
          targetId: crisis.target_user_id ?? caseId,
          targetUserId: crisis.target_user_id,
          caseId,
          reason: 'Not acknowledged in time; admins alerted.',
        });
      }
    });
  }

  /** The member affected hears the outcome and reason; flaggers hear that their flag was reviewed. */
  async outcome(actionId: string): Promise<void> {
    const [action]: {
      action: string;
      target_type: string;
      target_id: string;
      target_user_id: string | null;
      case_id: string | null;
      reason: string | null;
      thread_id: string | null;
      position: number | null;
    }[] = await this.dataSource.query(
      `SELECT a.action, a.target_type, a.target_id, a.target_user_id, a.case_id, a.reason, p.thread_id, p.position
         FROM moderation_actions a LEFT JOIN posts p ON a.target_type = 'POST' AND p.id = a.target_id
        WHERE a.id = $1`,
      [actionId],
    );
    if (!action) return;
    const title = OUTCOME_TITLES[action.action]?.replace(/\b(your) post\b/i, (_, your: string) => `${your} ${ITEM_NOUNS[action.target_type] ?? 'post'}`);
    const postUrl = action.thread_id ? `/threads/${action.thread_id}?at=${action.position}#post-${action.position}` : null;
    const appealUrl = `/appeals/new?action=${actionId}`;
    if (title && action.target_user_id) {
      const url = ['HIDE', 'REMOVE', 'WARN', 'SUSPEND'].includes(action.action) ? appealUrl : (postUrl ?? '/notifications');
      await this.notifications.notify(this.dataSource, {
        userId: action.target_user_id,
        type: 'MODERATION_OUTCOME',
        sourceKey: `outcome:${actionId}`,
        title,
        body: (action.reason ?? '').slice(0, 300),
        url,
      });
    }
    if (action.case_id && ['DISMISS', 'HIDE', 'REMOVE'].includes(action.action)) {
      await this.notifications.fanOut(this.dataSource, {
        type: 'MODERATION_OUTCOME',
        sourceKey: `flag-outcome:${actionId}`,
        recipients: `
          SELECT DISTINCT f.flagger_id AS user_id, 'Thank you: a moderator reviewed your flag' AS title,
                 CASE WHEN $2 = 'DISMISS' THEN 'They found it within the community guidelines.' ELSE 'They took action on it.' END AS body,
                 '/notifications' AS url
            FROM flags f WHERE f.case_id = $1 AND f.flagger_id IS DISTINCT FROM $3`,
        params: [action.case_id, action.action, action.target_user_id],
      });
    }
  }

  /** Moderators other than the one whose decision is appealed hear of the appeal. */
  async appealed(appealId: string): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: 'FLAG_RAISED',
      sourceKey: `appeal:${appealId}`,
      recipients: `
        SELECT u.id AS user_id, 'A member appealed a moderation decision' AS title,
               'A different moderator than the one who acted needs to decide it.' AS body, '/moderation/appeals' AS url
          FROM appeals ap JOIN moderation_actions a ON a.id = ap.action_id, users u
         WHERE ap.id = $1 AND ap.status = 'PENDING' AND u.role IN ('MODERATOR', 'ADMIN')
           AND u.id IS DISTINCT FROM a.moderator_id`,
      params: [appealId],
    });
  }

  /** Cases open longer than the limit (48 hours by default) remind moderators again. */
  async remindStale(): Promise<void> {
    const [stale]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE flag_cases SET last_notified_at = now()
        WHERE status = 'OPEN' AND last_notified_at < now() - ($1::int * interval '1 millisecond')
        RETURNING id`,
      [this.config.moderation.staleCaseMs],
    );
    for (const { id } of stale) await this.caseOpened(id, `case-reminder:${id}:${new Date().toISOString().slice(0, 13)}`);
  }
}
