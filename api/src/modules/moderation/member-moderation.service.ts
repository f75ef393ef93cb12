import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { hasRole } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { inTransaction } from '../../database/transaction';
import { badInput, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { ModerationActionEntity } from '../screening/entities/moderation-action.entity';
import { ModerationLogService } from '../screening/moderation-log.service';
import { AppealEntity } from './entities/appeal.entity';
import { ModeratorNoteEntity } from './entities/moderator-note.entity';
import { NOTIFY_OUTCOME } from './jobs/moderation.jobs';
import { MemberModerationHistory, toModerationAction } from './models/moderation.models';

const MAX_SUSPENSION_MS = 366 * 86_400_000;

/** Moderators and members: warnings, suspensions, private notes and a member's history. */
@Injectable()
export class MemberModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: ModerationLogService,
    private readonly outbox: OutboxService,
  ) {}

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

  /** A member a moderator may warn or suspend: not themself, and never someone of equal or higher role. */
  private async memberToAct(userId: string, moderator: Viewer): Promise<UserEntity> {
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    if (user.id === moderator.id) throw forbidden("You can't act on your own account.");
    if (hasRole(user.role, moderator.role)) throw forbidden('Only an admin can act on a moderator, and nobody on an admin.');
    return user;
  }
}
