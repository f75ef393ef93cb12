import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  defaultProfessionals,
  LIMITS,
  REACH_OUT_INTERVAL_MINUTES,
  SUPPORT_PEOPLE_MAX,
} from '@kinship/shared';
import { isUuid } from '../../../common/crypto';
import { RateLimitService, SUPPORT_ASKS_PER_HOUR } from '../../../common/rate-limit.service';
import { inTransaction } from '../../../database/transaction';
import { badInput, conflict, DomainError, notFound } from '../../../graphql/errors';
import { Viewer } from '../../../auth/viewer';
import { blockedBetween } from '../../accounts/blocks.service';
import { NotificationWriter } from '../../notifications/notification-writer';
import { ReachOutEntity } from './entities/reach-out.entity';
import { SafetyPlanEntity } from './entities/safety-plan.entity';
import { SupportLinkEntity } from './entities/support-link.entity';
import { ReachOut, SafetyPlan, SafetyPlanInput, SupportLink } from './models/safety-net.models';

/** Where a supporter answers a reach-out. */
export const SUPPORTING_PATH = '/milestones/supporting';

/** Not found and across a block read the same, so nobody learns that they were blocked. */
const CANNOT_ASK =
  "We couldn't ask anyone by that display name. Check how it is spelled, or choose someone else you trust.";

const NO_PEOPLE_YET =
  'Choose your people first: ask someone you trust on My people. Once they accept, Reach out tells them at once. The crisis lines are there for you right now.';

export function toSupportLink(entity: SupportLinkEntity): SupportLink {
  return {
    id: entity.id,
    status: entity.status,
    createdAt: entity.createdAt,
    memberId: entity.memberId,
    supporterId: entity.supporterId,
    acceptedAt: entity.acceptedAt,
  };
}

export function toReachOut(entity: ReachOutEntity): ReachOut {
  return {
    id: entity.id,
    createdAt: entity.createdAt,
    answeredAt: entity.answeredAt,
    answeredById: entity.answeredBy,
    memberId: entity.memberId,
  };
}

/**
 * The safety net: the member's plan, their people and "Reach out". Every read is the viewer's
 * own (their plan, links they are a party to, their own reach-outs); no role widens it, so a
 * moderator or admin sees no more of another member's than anyone else does: nothing.
 */
@Injectable()
export class SafetyNetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationWriter,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** The viewer's plan; before the first save, "professionals" holds the crisis lines Kinship shows. */
  async plan(viewerId: string): Promise<SafetyPlan> {
    const row = await this.dataSource.manager.findOneBy(SafetyPlanEntity, { userId: viewerId });
    if (!row) {
      return {
        warningSigns: [],
        copingStrategies: [],
        distractions: [],
        helpers: [],
        professionals: defaultProfessionals(),
        safeEnvironment: [],
        reasons: [],
        updatedAt: null,
      };
    }
    return {
      warningSigns: row.warningSigns,
      copingStrategies: row.copingStrategies,
      distractions: row.distractions,
      helpers: row.helpers,
      professionals: row.professionals,
      safeEnvironment: row.safeEnvironment,
      reasons: row.reasons,
      updatedAt: row.updatedAt,
    };
  }

  async savePlan(viewerId: string, input: SafetyPlanInput): Promise<SafetyPlan> {
    await this.dataSource.query(
      `INSERT INTO safety_plans (user_id, warning_signs, coping_strategies, distractions, helpers, professionals, safe_environment, reasons, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (user_id) DO UPDATE SET
         warning_signs = EXCLUDED.warning_signs, coping_strategies = EXCLUDED.coping_strategies,
         distractions = EXCLUDED.distractions, helpers = EXCLUDED.helpers, professionals = EXCLUDED.professionals,
         safe_environment = EXCLUDED.safe_environment, reasons = EXCLUDED.reasons, updated_at = now()`,
      [
        viewerId,
        input.warningSigns,
        input.copingStrategies,
        input.distractions,
        input.helpers,
        input.professionals,
        input.safeEnvironment,
        input.reasons,
      ],
    );
    return this.plan(viewerId);
  }

  /** The people the viewer asked, oldest first (never across a block). */
  mySupportPeople(viewerId: string): Promise<SupportLinkEntity[]> {
    return this.links('memberId', viewerId);
  }

  /** Requests to the viewer and the members they support, oldest first (never across a block). */
  peopleISupport(viewerId: string): Promise<SupportLinkEntity[]> {
    return this.links('supporterId', viewerId);
  }

  private links(side: 'memberId' | 'supporterId', viewerId: string): Promise<SupportLinkEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(SupportLinkEntity, 'l')
      .where(`l.${side} = :viewerId`, { viewerId })
      .andWhere(`NOT ${blockedBetween('l.member_id', 'l.supporter_id')}`)
      .orderBy('l.createdAt', 'ASC')
      .getMany();
  }

  /** Asks a member (by display name) to be one of the viewer's people: at most 5, pending included. */
  async ask(viewer: Viewer, displayName: string): Promise<SupportLinkEntity> {
    const name = typeof displayName === 'string' ? displayName.trim() : '';
    if (name === '')
      throw badInput('displayName', 'Enter the display name of the person you would like to ask.');
    if (name.length > LIMITS.displayNameMax) {
      throw badInput(
        'displayName',
        `A display name is at most ${LIMITS.displayNameMax} characters; check how it is spelled.`,
      );
    }
    await this.rateLimits.consume('support-ask', viewer.id, (seconds) => {
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return new DomainError(
        'RATE_LIMITED',
        `You have asked ${SUPPORT_ASKS_PER_HOUR} people in the last hour. You can ask again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { retryAfterSeconds: Math.ceil(seconds) },
      );
    });
    return inTransaction(this.dataSource, async (manager) => {
      // One request at a time per member, so two at once cannot both pass the limit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('support-links'), hashtext($1))`, [
        viewer.id,
      ]);
      const [target]: { id: string; blocked: boolean }[] = await manager.query(
        `SELECT u.id, ${blockedBetween('u.id', '$2::uuid')} AS blocked
           FROM users u WHERE lower(u.display_name) = lower($1) AND u.deleted_at IS NULL`,
        [name, viewer.id],
      );
      if (target?.id === viewer.id) {
        throw badInput('displayName', "You can't be one of your own people. Choose someone you trust.");
      }
      if (!target || target.blocked) throw badInput('displayName', CANNOT_ASK);
      const [{ count }]: { count: number }[] = await manager.query(
        `SELECT count(*)::int AS count FROM support_links WHERE member_id = $1`,
        [viewer.id],
      );
      const existing = await manager.findOneBy(SupportLinkEntity, {
        memberId: viewer.id,
        supporterId: target.id,
      });
      if (existing) {
        throw conflict(
          existing.status === 'ACTIVE'
            ? 'This person is already one of your people.'
            : 'You have already asked this person; their answer is still to come.',
          'displayName',
        );
      }
      if (count >= SUPPORT_PEOPLE_MAX) {
        throw badInput(
          'displayName',
          `You can have up to ${SUPPORT_PEOPLE_MAX} people, counting requests not yet answered. End one before asking someone new.`,
        );
      }
      const link = await manager.save(
        manager.create(SupportLinkEntity, { memberId: viewer.id, supporterId: target.id, status: 'PENDING' }),
      );
      // The person asked hears of it (in the same transaction, so a failed ask tells nobody),
      // in words that say nothing of why.
      await this.notifications.fanOut(manager, {
        type: 'SUPPORT_REQUEST',
        sourceKey: `support-request:${link.id}`,
        actor: '$2::uuid',
        recipients: `
          SELECT $1::uuid AS user_id, m.display_name || ' asked you to be one of their support people.' AS title,
                 'You can say yes or no on People I support.' AS body, $3::text AS url
            FROM users m WHERE m.id = $2`,
        params: [target.id, viewer.id, SUPPORTING_PATH],
      });
      return link;
    });
  }

  /** The person asked accepts (ACTIVE) or declines (the request is deleted, and null returned). */
  async respond(viewer: Viewer, id: string, accept: boolean): Promise<SupportLinkEntity | null> {
    const answer = await inTransaction(
      this.dataSource,
      async (manager): Promise<SupportLinkEntity | null | 'separated'> => {
        const link = await this.requestTo(manager, id, viewer.id);
        // Answered either way: the request's notification has done its work.
        await manager.query(
          `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND source_key = $2 AND read_at IS NULL`,
          [viewer.id, `support-request:${link.id}`],
        );
        if (!accept) {
          await manager.delete(SupportLinkEntity, { id: link.id });
          return null;
        }
        if (link.status === 'ACTIVE') return link;
        const [{ separated }]: { separated: boolean }[] = await manager.query(
          `SELECT ${blockedBetween('$1::uuid', '$2::uuid')} AS separated`,
          [link.memberId, link.supporterId],
        );
        // A block written while the request was being made: the request goes, and the answer is the
        // same as for one that never existed, so nobody learns of the block.
        if (separated) {
          // (deleted here and committed; the NOT_FOUND is thrown after the commit)
          await manager.delete(SupportLinkEntity, { id: link.id });
          return 'separated';
        }
        await manager.update(
          SupportLinkEntity,
          { id: link.id },
          { status: 'ACTIVE', acceptedAt: new Date() },
        );
        return manager.findOneByOrFail(SupportLinkEntity, { id: link.id });
      },
    );
    if (answer === 'separated') throw notFound('That request');
    return answer;
  }

  /** Either side ends it: the link is deleted and nobody is told, nor why. */
  async end(viewer: Viewer, id: string): Promise<void> {
    const rows: unknown[] = isUuid(id)
      ? await this.dataSource.query(
          `DELETE FROM support_links WHERE id = $1 AND (member_id = $2 OR supporter_id = $2) RETURNING id`,
          [id, viewer.id],
        )
      : [];
    // DELETE ... RETURNING through pg answers [rows, count].
    const deleted = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    if (deleted.length === 0) throw notFound('That support link');
  }

  /**
   * Tells every ACTIVE support person at once (urgent: in-app and emailed immediately, whatever
   * their settings and quiet hours), in neutral words and nothing about why. Once per ten minutes.
   */
  async reachOut(viewer: Viewer): Promise<ReachOutEntity> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM support_links l JOIN users u ON u.id = l.supporter_id
        WHERE l.member_id = $1 AND l.status = 'ACTIVE' AND u.deleted_at IS NULL AND NOT ${blockedBetween('l.supporter_id', '$1::uuid')}`,
      [viewer.id],
    );
    if (count === 0) throw conflict(NO_PEOPLE_YET);
    await this.rateLimits.consume('reach-out', viewer.id, (seconds) => {
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return new DomainError(
        'RATE_LIMITED',
        `Your people were told a few minutes ago. You can reach out again in ${minutes} minute${minutes === 1 ? '' : 's'} (once every ${REACH_OUT_INTERVAL_MINUTES} minutes). The crisis lines are there for you right now.`,
        { retryAfterSeconds: Math.ceil(seconds) },
      );
    });
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const reachOut = await manager.save(manager.create(ReachOutEntity, { memberId: viewer.id }));
        const told = await this.notifications.fanOut(manager, {
          type: 'REACH_OUT',
          sourceKey: `reach-out:${reachOut.id}`,
          urgent: true,
          actor: '$1::uuid',
          recipients: `
            SELECT l.supporter_id AS user_id, m.display_name || ' would like to talk.' AS title,
                   'Reach out when you can.' AS body, $2::text AS url
              FROM support_links l JOIN users m ON m.id = l.member_id
             WHERE l.member_id = $1 AND l.status = 'ACTIVE' AND NOT ${blockedBetween('l.supporter_id', '$1::uuid')}`,
          params: [viewer.id, SUPPORTING_PATH],
        });
        // The last of them ended the link since the count above: nobody was told, so nothing is logged.
        if (told.length === 0) throw conflict(NO_PEOPLE_YET);
        return reachOut;
      });
    } catch (error) {
      // Nobody was told: the member may press again at once.
      await this.rateLimits.refund('reach-out', viewer.id);
      throw error;
    }
  }

  /** The viewer's own reach-outs, newest first. */
  myReachOuts(viewerId: string): Promise<ReachOutEntity[]> {
    return this.dataSource.manager.find(ReachOutEntity, {
      where: { memberId: viewerId },
      order: { createdAt: 'DESC' },
      take: 50,
    });
  }

  /**
   * "I've reached out": only an ACTIVE support person of the member who reached out. The first
   * answer is kept; marking it again changes nothing. Their own notification of it is read.
   */
  async markReachedOut(viewer: Viewer, id: string): Promise<ReachOutEntity> {
    if (!isUuid(id)) throw notFound('That reach-out');
    return inTransaction(this.dataSource, async (manager) => {
      const [found]: { id: string }[] = await manager.query(
        `SELECT r.id FROM reach_outs r
           JOIN support_links l ON l.member_id = r.member_id AND l.supporter_id = $2 AND l.status = 'ACTIVE'
          WHERE r.id = $1 AND r.created_at >= l.accepted_at
          FOR UPDATE OF r`,
        [id, viewer.id],
      );
      if (!found) throw notFound('That reach-out');
      await manager.query(
        `UPDATE reach_outs SET answered_at = now(), answered_by = $2 WHERE id = $1 AND answered_at IS NULL`,
        [id, viewer.id],
      );
      await manager.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND source_key = $2 AND read_at IS NULL`,
        [viewer.id, `reach-out:${id}`],
      );
      return manager.findOneByOrFail(ReachOutEntity, { id });
    });
  }

  /**
   * Per link, the member's newest reach-out still open and made while the link was ACTIVE (a
   * pending request shows none; a supporter never sees reach-outs from before they accepted).
   */
  async openReachOutsByLinkIds(ids: readonly string[]): Promise<(ReachOutEntity | null)[]> {
    const rows: {
      link_id: string;
      id: string;
      member_id: string;
      created_at: Date;
      answered_at: Date | null;
      answered_by: string | null;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (l.id) l.id AS link_id, r.id, r.member_id, r.created_at, r.answered_at, r.answered_by
           FROM support_links l
           JOIN reach_outs r ON r.member_id = l.member_id AND r.answered_at IS NULL AND r.created_at >= l.accepted_at
          WHERE l.id = ANY($1::uuid[]) AND l.status = 'ACTIVE'
          ORDER BY l.id, r.created_at DESC`,
      [ids],
    );
    const byLink = new Map(rows.map((r) => [r.link_id, r]));
    return ids.map((id) => {
      const r = byLink.get(id);
      if (!r) return null;
      return Object.assign(new ReachOutEntity(), {
        id: r.id,
        memberId: r.member_id,
        createdAt: r.created_at,
        answeredAt: r.answered_at,
        answeredBy: r.answered_by,
      });
    });
  }

  /** A link in which the viewer is the person asked, locked; otherwise NOT_FOUND (nobody else learns it exists). */
  private async requestTo(manager: EntityManager, id: string, viewerId: string): Promise<SupportLinkEntity> {
    const link = isUuid(id)
      ? await manager
          .createQueryBuilder(SupportLinkEntity, 'l')
          .setLock('pessimistic_write')
          .where('l.id = :id', { id })
          .andWhere('l.supporter_id = :viewerId', { viewerId })
          .getOne()
      : null;
    if (!link) throw notFound('That request');
    return link;
  }
}
