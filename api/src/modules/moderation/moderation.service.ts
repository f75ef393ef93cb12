import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { hasRole } from '@kinship/shared';
import type { ContentStatus, FlagReason } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { RateLimitService } from '../../common/rate-limit.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { PostingService } from '../discussions/posting.service';
import { ThreadReadingService } from '../discussions/thread-reading.service';
import { PostEntity } from '../discussions/entities/post.entity';
import { EventEntity } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { ResourceEntity } from '../resources/entities/resource.entity';
import { ResourcesService } from '../resources/resources.service';
import { FlagInput, ModerateInput, WatchedWordInput } from './dto/moderation.inputs';
import { AppealEntity } from './entities/appeal.entity';
import { FlagCaseEntity, FlagPriority, TargetType } from '../screening/entities/flag-case.entity';
import { ModerationActionEntity } from '../screening/entities/moderation-action.entity';
import { ModeratorNoteEntity } from './entities/moderator-note.entity';
import { WatchedWordEntity } from '../screening/entities/watched-word.entity';
import { NOTIFY_APPEAL, NOTIFY_OUTCOME } from './jobs/moderation.jobs';
import { FlagCase, FlagNote, FlagReasonCount, MemberModerationHistory, ModerationAction, toFlagCase, toModerationAction } from './models/moderation.models';
import { ModerationLogService } from '../screening/moderation-log.service';
import { ModerationSettingsService } from '../screening/moderation-settings.service';
import { ScreeningService } from '../screening/screening.service';

/** Reasons that count towards hiding an item; SUPPORT never does. */
const RULE_REASONS: FlagReason[] = ['HARASSMENT', 'TRIGGERING', 'SPAM', 'PRIVACY', 'MISINFORMATION', 'SAFETY', 'OTHER'];
const APPEALABLE = ['HIDE', 'REMOVE', 'WARN', 'SUSPEND'];
const MAX_SUSPENSION_MS = 366 * 86_400_000;

/** The queue's order: crisis first, then members who may need support, then the rest by score and age. */
const KIND_RANK = `CASE c.kind WHEN 'CRISIS' THEN 0 WHEN 'SUPPORT' THEN 1 ELSE 2 END`;

interface Target {
  type: TargetType;
  id: string;
  authorId: string | null;
  /** The moderatable status of posts and events (members have none). */
  status?: ContentStatus;
  content?: string;
  post?: PostEntity;
  event?: EventEntity;
  resource?: ResourceEntity;
}

@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ModerationSettingsService,
    private readonly threadReading: ThreadReadingService,
    private readonly posting: PostingService,
    private readonly events: EventsService,
    private readonly resources: ResourcesService,
    private readonly screening: ScreeningService,
    private readonly log: ModerationLogService,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitService,
  ) {}

  // ---- Flags ------------------------------------------------------------------------------

  /**
   * A member flags an item once (a second flag is a no-op). Flags gather into one open case per
   * item and kind. Rule flags from `FLAG_HIDE_THRESHOLD` distinct members, or one from a
   * moderator, hide a post pending review; SUPPORT flags never hide and never count against anyone.
   */
  async flag(input: FlagInput, viewer: Viewer): Promise<void> {
    if (input.reason === 'OTHER' && !input.note) {
      throw badInput('note', 'Please add a short note saying what is wrong when the reason is "Other".');
    }
    const target = await this.findTarget(input.targetType, input.targetId, viewer);
    if (target.authorId === viewer.id) throw forbidden("You can't flag your own content.");
    if (!hasRole(viewer.role, 'MODERATOR')) await this.rateLimits.consume('flag', viewer.id);
    const support = input.reason === 'SUPPORT';
    const priority: FlagPriority = support || input.reason === 'SAFETY' ? 'HIGH' : 'NORMAL';

    await inTransaction(this.dataSource, async (manager) => {
      const { id: caseId } = await this.screening.openCase(manager, support ? 'SUPPORT' : 'RULES', priority, target);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO flags (case_id, flagger_id, target_type, target_id, reason, note)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (flagger_id, target_type, target_id) DO NOTHING RETURNING 1`,
        [caseId, viewer.id, target.type, target.id, input.reason, input.note ?? null],
      );
      if (inserted.length === 0 || support) return;

      // UPDATE ... RETURNING comes back as [rows, affected] from TypeORM.
      const [[{ score }]]: [{ score: number }[], number] = await manager.query(
        `UPDATE flag_cases c SET score = (SELECT count(DISTINCT f.flagger_id) FROM flags f
                                           WHERE f.case_id = c.id AND f.reason = ANY($2)),
                                 priority = CASE WHEN c.priority = 'NORMAL' AND $3 = 'HIGH' THEN 'HIGH' ELSE c.priority END
          WHERE c.id = $1 RETURNING score`,
        [caseId, RULE_REASONS, priority],
      );
      const byModerator = hasRole(viewer.role, 'MODERATOR');
      const { flagHideThreshold } = await this.settings.current();
      if (target.status === 'VISIBLE' && (byModerator || score >= flagHideThreshold)) {
        await this.applyStatus(manager, target, 'HIDDEN');
        const action = await this.log.record(manager, {
          moderatorId: byModerator ? viewer.id : null,
          action: byModerator ? 'HIDE' : 'AUTO_HIDE',
          targetType: target.type,
          targetId: target.id,
          targetUserId: target.authorId,
          caseId,
          reason: byModerator
            ? `A moderator flagged it: ${input.reason.toLowerCase()}.`
            : 'Several members flagged it. A moderator will review it.',
          content: target.content,
        });
        await this.outbox.enqueue(manager, NOTIFY_OUTCOME, { actionId: action.id });
      }
    });
  }

  // ---- The queue and the log ----------------------------------------------------------------

  async queue(args: PageArgs & { status?: string }): Promise<Connection<FlagCase>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['number', 'number', 'iso', 'uuid']);
    const rows: (FlagCaseEntity & { rank: number })[] = await this.dataSource.manager
      .createQueryBuilder(FlagCaseEntity, 'c')
      .where('c.status = :status', { status: args.status ?? 'OPEN' })
      .andWhere(
        after ? `(${KIND_RANK}, -c.score, c.created_at, c.id) > (:rank, :negScore, :at, :id)` : 'TRUE',
        after ? { rank: after[0], negScore: -(after[1] as number), at: after[2], id: after[3] } : {},
      )
      .orderBy(KIND_RANK, 'ASC')
      .addOrderBy('c.score', 'DESC')
      .addOrderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(first + 1)
      .getMany()
      .then((cases) => cases.map((c) => Object.assign(c, { rank: c.kind === 'CRISIS' ? 0 : c.kind === 'SUPPORT' ? 1 : 2 })));
    return toConnection(rows, first, (c) => [c.rank, c.score, c.createdAt.toISOString(), c.id], toFlagCase);
  }

  async findCase(id: string): Promise<FlagCaseEntity> {
    const found = isUuid(id) ? await this.dataSource.manager.findOneBy(FlagCaseEntity, { id }) : null;
    if (!found) throw notFound('That case');
    return found;
  }

  async logPage(args: PageArgs): Promise<Connection<ModerationAction>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const rows = await this.dataSource.manager
      .createQueryBuilder(ModerationActionEntity, 'a')
      .where(after ? '(a.created_at, a.id) < (:at, :id)' : 'TRUE', after ? { at: after[0], id: after[1] } : {})
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, (a) => [a.createdAt.toISOString(), a.id], toModerationAction);
  }

  // ---- Acting on a case -----------------------------------------------------------------

  async acknowledge(caseId: string, moderator: Viewer): Promise<FlagCaseEntity> {
    const found = await this.findCase(caseId);
    await this.dataSource.query(
      `UPDATE flag_cases SET acknowledged_by = $2, acknowledged_at = now() WHERE id = $1 AND acknowledged_at IS NULL`,
      [found.id, moderator.id],
    );
    return this.findCase(found.id);
  }

  /**
   * DISMISS (nothing wrong: hidden content comes back), HIDE or REMOVE (reason required, the
   * author is told it), RESTORE, APPROVE (pending content goes live). Each closes the case and is
   * logged; the author and the flaggers hear the outcome.
   */
  async moderate(input: ModerateInput, moderator: Viewer): Promise<FlagCaseEntity> {
    const found = await this.findCase(input.caseId);
    if (found.status !== 'OPEN') throw conflict('This case has already been closed.');
    if ((input.action === 'HIDE' || input.action === 'REMOVE') && !input.reason) {
      throw badInput('reason', 'Please give a reason: the member will be told it.');
    }
    const target = await this.findTarget(found.targetType, found.targetId, moderator);
    if (input.action !== 'DISMISS' && !target.status) {
      throw badInput('action', 'Only DISMISS applies to this kind of case; use warnings or suspension for members.');
    }
    const next: Record<string, ContentStatus | null> = {
      // Dismissing flags means the content is fine: auto-hidden content comes back, and dismissing
      // a review case lets held content through. Support and crisis cases never change content.
      DISMISS:
        (found.kind === 'RULES' && target.status === 'HIDDEN') || (found.kind === 'PREMODERATION' && target.status === 'PENDING_REVIEW')
          ? 'VISIBLE'
          : null,
      HIDE: 'HIDDEN',
      REMOVE: 'REMOVED',
      RESTORE: 'VISIBLE',
      APPROVE: 'VISIBLE',
    };
    if (input.action === 'APPROVE' && target.status !== 'PENDING_REVIEW') {
      throw badInput('action', 'Only content waiting for review can be approved.');
    }
    await inTransaction(this.dataSource, async (manager) => {
      // Close the case first, conditionally: of two moderators acting at once, one wins, one is told.
      const [closed]: [unknown[], number] = await manager.query(
        `UPDATE flag_cases SET status = $2, resolved_by = $3, resolved_at = now(),
                acknowledged_by = COALESCE(acknowledged_by, $3), acknowledged_at = COALESCE(acknowledged_at, now())
          WHERE id = $1 AND status = 'OPEN' RETURNING id`,
        [found.id, input.action === 'DISMISS' ? 'DISMISSED' : 'RESOLVED', moderator.id],
      );
      if (closed.length === 0) throw conflict('Another moderator has just closed this case.');
      const status = next[input.action];
      if (status && target.status !== status) await this.applyStatus(manager, target, status);
      const action = await this.log.record(manager, {
        moderatorId: moderator.id,
        action: input.action,
        targetType: target.type,
        targetId: target.id,
        targetUserId: target.authorId,
        caseId: found.id,
        reason: input.reason ?? null,
        content: target.content,
      });
      await this.outbox.enqueue(manager, NOTIFY_OUTCOME, { actionId: action.id });
    });
    return this.findCase(found.id);
  }

  // ---- Members ------------------------------------------------------------------------------

  async warn(userId: string, reason: string, moderator: Viewer): Promise<void> {
    const user = await this.memberToAct(userId, moderator);
    await inTransaction(this.dataSource, async (manager) => {
      const action = await this.log.record(manager, {
        moderatorId: moderator.id,
        action: 'WARN',
        targetType: 'USER',
        targetId: user.id,
        targetUserId: user.id,
        reason,
      });
      await this.outbox.enqueue(manager, NOTIFY_OUTCOME, { actionId: action.id });
    });
  }

  /** Until `until`, the member's sessions are refused and they cannot sign in. */
  async suspend(userId: string, until: Date, reason: string, moderator: Viewer): Promise<UserEntity> {
    const user = await this.memberToAct(userId, moderator);
    const ms = until.getTime() - Date.now();
    if (Number.isNaN(ms) || ms <= 0) throw badInput('until', 'The suspension must end in the future.');
    if (ms > MAX_SUSPENSION_MS) throw badInput('until', 'A suspension can last at most a year.');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { suspendedUntil: until });
      const action = await this.log.record(manager, {
        moderatorId: moderator.id,
        action: 'SUSPEND',
        targetType: 'USER',
        targetId: user.id,
        targetUserId: user.id,
        reason,
        suspendedUntil: until,
      });
      await this.outbox.enqueue(manager, NOTIFY_OUTCOME, { actionId: action.id });
    });
    user.suspendedUntil = until;
    return user;
  }

  async addNote(userId: string, text: string, moderator: Viewer): Promise<void> {
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    await this.dataSource.manager.insert(ModeratorNoteEntity, { userId: user.id, authorId: moderator.id, text });
  }

  async history(userId: string): Promise<MemberModerationHistory> {
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    const [actions, notes] = await Promise.all([
      this.dataSource.manager.find(ModerationActionEntity, { where: { targetUserId: user.id }, order: { createdAt: 'DESC' }, take: 200 }),
      this.dataSource.manager.find(ModeratorNoteEntity, { where: { userId: user.id }, order: { createdAt: 'DESC' }, take: 200 }),
    ]);
    const withdrawn = new Set(
      (
        await this.dataSource.manager.find(AppealEntity, {
          where: { actionId: In(actions.map((a) => a.id)), status: 'UPHELD' },
        })
      ).map((a) => a.actionId),
    );
    return {
      actions: actions.map(toModerationAction),
      warningCount: actions.filter((a) => a.action === 'WARN' && !withdrawn.has(a.id)).length,
      notes: notes.map((n) => ({ id: n.id, authorId: n.authorId, text: n.text, createdAt: n.createdAt })),
      suspendedUntil: user.suspendedUntil && user.suspendedUntil > new Date() ? user.suspendedUntil : null,
    };
  }

  // ---- Appeals ----------------------------------------------------------------------------

  /** The member affected appeals a removal, hiding, warning or suspension, once. */
  async appeal(actionId: string, text: string, viewer: Viewer): Promise<AppealEntity> {
    const action = isUuid(actionId) ? await this.dataSource.manager.findOneBy(ModerationActionEntity, { id: actionId }) : null;
    if (!action || action.targetUserId !== viewer.id) throw notFound('That decision');
    if (!APPEALABLE.includes(action.action)) throw badInput('actionId', 'This kind of decision cannot be appealed.');
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const appeal = await manager.save(manager.create(AppealEntity, { actionId: action.id, appellantId: viewer.id, text }));
        await this.outbox.enqueue(manager, NOTIFY_APPEAL, { appealId: appeal.id });
        return appeal;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'appeals_action_key')) throw conflict('You have already appealed this decision.');
      throw error;
    }
  }

  async appeals(status: string): Promise<AppealEntity[]> {
    return this.dataSource.manager.find(AppealEntity, {
      where: { status: status as AppealEntity['status'] },
      order: { createdAt: 'ASC' },
      take: 200,
    });
  }

  async myAppeals(viewer: Viewer): Promise<AppealEntity[]> {
    return this.dataSource.manager.find(AppealEntity, { where: { appellantId: viewer.id }, order: { createdAt: 'DESC' } });
  }

  /** A different moderator than the one who acted decides; upheld appeals undo the action. */
  async decideAppeal(appealId: string, upheld: boolean, reason: string, moderator: Viewer): Promise<AppealEntity> {
    const appeal = isUuid(appealId) ? await this.dataSource.manager.findOneBy(AppealEntity, { id: appealId }) : null;
    if (!appeal) throw notFound('That appeal');
    if (appeal.status !== 'PENDING') throw conflict('This appeal has already been decided.');
    const action = await this.dataSource.manager.findOneByOrFail(ModerationActionEntity, { id: appeal.actionId });
    if (action.moderatorId === moderator.id) {
      throw forbidden('A different moderator must decide an appeal of your own decision.');
    }
    if (appeal.appellantId === moderator.id) throw forbidden('Another moderator must decide your own appeal.');
    // An upheld appeal of a hiding or removal brings the item back the way a moderator's restore
    // does: posts, events and resources alike, and content going live tells whom it would have told.
    const restore =
      upheld && (action.action === 'HIDE' || action.action === 'REMOVE') && action.targetType !== 'USER' && action.targetType !== 'THREAD'
        ? await this.findTarget(action.targetType, action.targetId, moderator)
        : null;
    return inTransaction(this.dataSource, async (manager) => {
      const [claimed]: [unknown[], number] = await manager.query(
        `UPDATE appeals SET status = $2 WHERE id = $1 AND status = 'PENDING' RETURNING id`,
        [appeal.id, upheld ? 'UPHELD' : 'DENIED'],
      );
      if (claimed.length === 0) throw conflict('This appeal has just been decided by another moderator.');
      if (restore && restore.status !== 'VISIBLE') await this.applyStatus(manager, restore, 'VISIBLE');
      if (upheld && action.action === 'SUSPEND') {
        await manager.update(UserEntity, { id: action.targetId }, { suspendedUntil: null });
      }
      appeal.status = upheld ? 'UPHELD' : 'DENIED';
      appeal.decidedById = moderator.id;
      appeal.decisionReason = reason;
      appeal.decidedAt = new Date();
      await manager.save(appeal);
      const logged = await this.log.record(manager, {
        moderatorId: moderator.id,
        action: upheld ? 'APPEAL_UPHELD' : 'APPEAL_DENIED',
        targetType: action.targetType === 'THREAD' ? 'POST' : action.targetType,
        targetId: action.targetId,
        targetUserId: action.targetUserId,
        caseId: action.caseId,
        reason,
      });
      await this.outbox.enqueue(manager, NOTIFY_OUTCOME, { actionId: logged.id });
      return appeal;
    });
  }

  // ---- Watched words ----------------------------------------------------------------------

  async addWatchedWord(input: WatchedWordInput, admin: Viewer): Promise<WatchedWordEntity> {
    const word = input.word.toLowerCase().replace(/\s+/g, ' ');
    await this.dataSource.query(
      `INSERT INTO watched_words (word, action, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (word) DO UPDATE SET action = EXCLUDED.action`,
      [word, input.action, admin.id],
    );
    return this.dataSource.manager.findOneByOrFail(WatchedWordEntity, { word });
  }

  watchedWords(): Promise<WatchedWordEntity[]> {
    return this.dataSource.manager.find(WatchedWordEntity, { order: { word: 'ASC' } });
  }

  async removeWatchedWord(id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('That watched word');
    await this.dataSource.query(`DELETE FROM watched_words WHERE id = $1`, [id]);
  }

  // ---- Case details (batched for the queue page) ------------------------------------------------

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

  // ---- Helpers ----------------------------------------------------------------------------

  private async findTarget(type: TargetType, id: string, viewer: Viewer): Promise<Target> {
    switch (type) {
      case 'POST': {
        const post = await this.threadReading.visiblePost(id, viewer);
        return { type, id: post.id, authorId: post.authorId, post, status: post.status, content: post.body };
      }
      case 'USER': {
        const user = isUuid(id) ? await this.dataSource.manager.findOneBy(UserEntity, { id }) : null;
        if (!user) throw notFound('That member');
        return { type, id: user.id, authorId: user.id };
      }
      case 'EVENT': {
        const event = await this.events.find(id, viewer);
        if (!event) throw notFound('That event');
        return { type, id: event.id, authorId: event.organizerId, event, status: event.status, content: event.title };
      }
      case 'RESOURCE': {
        const resource = await this.resources.find(id, viewer);
        if (!resource) throw notFound('That resource');
        return { type, id: resource.id, authorId: resource.authorId, resource, status: resource.status, content: resource.title };
      }
    }
  }

  /** Changes a post's or event's status; content going live announces itself (idempotent per recipient). */
  private async applyStatus(manager: EntityManager, target: Target, status: ContentStatus): Promise<void> {
    if (target.post) {
      await manager.update(PostEntity, { id: target.id }, { status });
      if (status === 'VISIBLE') await this.posting.queueNotifications(manager, target.post);
    }
    if (target.event) await this.events.setStatus(manager, target.event, status);
    if (target.resource) await this.resources.setStatus(manager, target.resource, status);
  }

  /** A member a moderator may warn or suspend: not themself, and never someone of equal or higher role. */
  private async memberToAct(userId: string, moderator: Viewer): Promise<UserEntity> {
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    if (user.id === moderator.id) throw forbidden("You can't act on your own account.");
    if (hasRole(user.role, moderator.role)) throw forbidden('Only an admin can act on a moderator, and nobody on an admin.');
    return user;
  }
}
