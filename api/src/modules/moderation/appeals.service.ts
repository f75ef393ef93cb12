import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { inTransaction } from '../../database/transaction';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { ModerationActionEntity } from '../screening/entities/moderation-action.entity';
import { ModerationLogService } from '../screening/moderation-log.service';
import { AppealEntity } from './entities/appeal.entity';
import { NOTIFY_APPEAL, NOTIFY_OUTCOME } from './jobs/moderation.jobs';
import { ModerationTargets } from './moderation-targets.service';

const APPEALABLE = ['HIDE', 'REMOVE', 'WARN', 'SUSPEND'];

/** A member asks for a decision to be looked at again; another moderator decides. */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: ModerationTargets,
    private readonly log: ModerationLogService,
    private readonly outbox: OutboxService,
  ) {}

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
        ? await this.targets.findIfPresent(action.targetType, action.targetId, moderator)
        : null;
    return inTransaction(this.dataSource, async (manager) => {
      const [claimed]: [unknown[], number] = await manager.query(
        `UPDATE appeals SET status = $2 WHERE id = $1 AND status = 'PENDING' RETURNING id`,
        [appeal.id, upheld ? 'UPHELD' : 'DENIED'],
      );
      if (claimed.length === 0) throw conflict('This appeal has just been decided by another moderator.');
      if (restore && restore.status !== 'VISIBLE') await this.targets.applyStatus(manager, restore, 'VISIBLE');
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
}
