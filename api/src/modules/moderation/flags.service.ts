import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole } from '@kinship/shared';
import type { FlagReason } from '@kinship/shared';
import { RateLimitService } from '../../common/rate-limit.service';
import { inTransaction } from '../../database/transaction';
import { badInput, forbidden } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { FlagPriority } from '../screening/entities/flag-case.entity';
import { ModerationLogService } from '../screening/moderation-log.service';
import { ModerationSettingsService } from '../screening/moderation-settings.service';
import { ScreeningService } from '../screening/screening.service';
import { FlagInput } from './dto/moderation.inputs';
import { NOTIFY_OUTCOME } from './jobs/moderation.jobs';
import { ModerationTargets } from './moderation-targets.service';

/** Reasons that count towards hiding an item; SUPPORT never does. */
const RULE_REASONS: FlagReason[] = ['HARASSMENT', 'TRIGGERING', 'SPAM', 'PRIVACY', 'MISINFORMATION', 'SAFETY', 'OTHER'];

/** Members (and moderators) reporting an item. */
@Injectable()
export class FlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ModerationSettingsService,
    private readonly targets: ModerationTargets,
    private readonly screening: ScreeningService,
    private readonly log: ModerationLogService,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitService,
  ) {}

  /**
   * A member flags an item once (a second flag is a no-op). Flags gather into one open case per
   * item and kind. Rule flags from `FLAG_HIDE_THRESHOLD` distinct members, or one from a
   * moderator, hide a post pending review; SUPPORT flags never hide and never count against anyone.
   */
  async flag(input: FlagInput, viewer: Viewer): Promise<void> {
    if (input.reason === 'OTHER' && !input.note) {
      throw badInput('note', 'Please add a short note saying what is wrong when the reason is "Other".');
    }
    const target = await this.targets.find(input.targetType, input.targetId, viewer);
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
        await this.targets.applyStatus(manager, target, 'HIDDEN');
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
}
