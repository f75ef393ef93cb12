import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContentStatus } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { FlagCaseEntity } from '../screening/entities/flag-case.entity';
import { ModerationActionEntity } from '../screening/entities/moderation-action.entity';
import { ModerationLogService } from '../screening/moderation-log.service';
import { ModerateInput } from './dto/moderation.inputs';
import { NOTIFY_OUTCOME } from './jobs/moderation.jobs';
import { FlagCase, ModerationAction, toFlagCase, toModerationAction } from './models/moderation.models';
import { ModerationTargets } from './moderation-targets.service';
import { MessagingService } from '../conversations/messaging.service';

/** The queue's order: crisis first, then members who may need support, then the rest by score and age. */
const KIND_RANK = `CASE c.kind WHEN 'CRISIS' THEN 0 WHEN 'SUPPORT' THEN 1 ELSE 2 END`;

/** The review queue, its cases and the moderation log, and what moderators do with a case. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: ModerationTargets,
    private readonly log: ModerationLogService,
    private readonly outbox: OutboxService,
    private readonly messaging: MessagingService,
  ) {}

  /**
   * From a crisis or support case, in one step: a private conversation between the moderator
   * and the member the case is about (their existing one, if open). Returns its id.
   */
  async openCareConversation(caseId: string, moderator: Viewer): Promise<string> {
    const found = await this.findCase(caseId);
    if ((found.kind !== 'CRISIS' && found.kind !== 'SUPPORT') || !found.targetUserId) {
      throw badInput('caseId', 'You can message the member from a crisis or support case.');
    }
    return this.messaging.openCare(moderator, found.targetUserId);
  }

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
    const target = await this.targets.find(found.targetType, found.targetId, moderator);
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
      if (status && target.status !== status) await this.targets.applyStatus(manager, target, status);
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
}
