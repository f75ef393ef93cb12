import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Viewer } from '../../auth/viewer';
import { isUuid } from '../../common/crypto';
import { inTransaction } from '../../database/transaction';
import { badInput, forbidden, notFound } from '../../graphql/errors';
import { NotificationWriter } from '../notifications/notification-writer';
import { SaveMentorProfileInput } from './dto/mentor.inputs';
import { MentorProfileEntity } from './entities/mentor-profile.entity';
import { activeMenteesSql, availableToSql, eligibilityOf } from './mentor-facts';
import { MENTORING_PATH, NOTICES } from './mentor-notices';
import { MENTOR_TOPICS_MAX, SUGGESTIONS_MAX } from './mentor-rules';
import { MentorTopicsService } from './mentor-topics.service';
import { Mentoring, MentorProfile, MentorSuggestion } from './models/mentor.models';
import { PairingsService, toPairing } from './pairings.service';

export function toMentorProfile(entity: MentorProfileEntity): MentorProfile {
  return {
    userId: entity.userId,
    about: entity.about,
    capacity: entity.capacity,
    available: entity.available,
    status: entity.status,
    createdAt: entity.createdAt,
    approvedAt: entity.approvedAt,
    topicIds: entity.topicIds,
  };
}

/**
 * Offers to mentor and finding a mentor: the viewer's standing (may they offer at once, may they
 * ask), their profile, staff approval, and the suggestions a newcomer picks from. A suggestion
 * carries a display name, "about me" and topics only: never a date.
 */
@Injectable()
export class MentorProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pairings: PairingsService,
    private readonly topics: MentorTopicsService,
    private readonly notifications: NotificationWriter,
  ) {}

  async mentoring(viewer: Viewer): Promise<Mentoring> {
    const [eligibility, profile, asMentee, asMentor] = await Promise.all([
      eligibilityOf(this.dataSource, viewer.id),
      this.dataSource.manager.findOneBy(MentorProfileEntity, { userId: viewer.id }),
      this.pairings.asMentee(viewer.id),
      this.pairings.asMentor(viewer.id),
    ]);
    const canOffer = eligibility.offersWithoutApproval || profile?.status === 'APPROVED';
    return {
      canOffer,
      offerNeedsApproval: !canOffer,
      canAsk: eligibility.canAsk,
      askReason: eligibility.reason,
      profile: profile && toMentorProfile(profile),
      asMentee: asMentee && toPairing(asMentee),
      asMentor: asMentor.map(toPairing),
    };
  }

  /**
   * Offers to mentor, or changes the offer. With a year since the recovery start date (or once
   * staff approved it) it is APPROVED at once; otherwise it waits for staff (PENDING). An approved
   * offer is never quietly taken back (a changed recovery date is the member's private business).
   */
  async save(viewer: Viewer, input: SaveMentorProfileInput): Promise<MentorProfileEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const existing = await manager
        .createQueryBuilder(MentorProfileEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.user_id = :id', { id: viewer.id })
        .getOne();
      await this.topics.checkChoosable(manager, 'topicIds', input.topicIds, existing?.topicIds ?? []);
      const { offersWithoutApproval } = await eligibilityOf(manager, viewer.id);
      const approved = existing?.status === 'APPROVED' || offersWithoutApproval;
      await manager.query(
        `INSERT INTO mentor_profiles (user_id, about, topic_ids, capacity, available, status, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6::varchar, CASE WHEN $6::varchar = 'APPROVED' THEN now() END)
         ON CONFLICT (user_id) DO UPDATE SET
           about = EXCLUDED.about, topic_ids = EXCLUDED.topic_ids, capacity = EXCLUDED.capacity,
           available = EXCLUDED.available, status = EXCLUDED.status,
           approved_at = COALESCE(mentor_profiles.approved_at, EXCLUDED.approved_at), updated_at = now()`,
        [
          viewer.id,
          input.about,
          input.topicIds,
          input.capacity,
          input.available,
          approved ? 'APPROVED' : 'PENDING',
        ],
      );
      return manager.findOneByOrFail(MentorProfileEntity, { userId: viewer.id });
    });
  }

  /** Stops offering: the profile goes and requests waiting for an answer are declined. Active pairings go on. */
  async withdraw(viewer: Viewer): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const result: unknown[] = await manager.query(
        `DELETE FROM mentor_profiles WHERE user_id = $1 RETURNING user_id`,
        [viewer.id],
      );
      // DELETE ... RETURNING through pg answers [rows, count].
      const deleted = Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
      if (deleted.length === 0) return false;
      await this.pairings.declineRequestsTo(manager, viewer.id);
      return true;
    });
  }

  /** Staff: offers waiting for approval, oldest first. */
  awaitingApproval(): Promise<MentorProfileEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(MentorProfileEntity, 'p')
      .innerJoin('users', 'u', 'u.id = p.user_id AND u.deleted_at IS NULL')
      .where(`p.status = 'PENDING'`)
      .orderBy('p.created_at', 'ASC')
      .getMany();
  }

  /** Staff: approved offers (to pair someone directly), by display name. */
  approved(): Promise<MentorProfileEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(MentorProfileEntity, 'p')
      .innerJoin('users', 'u', 'u.id = p.user_id AND u.deleted_at IS NULL')
      .where(`p.status = 'APPROVED'`)
      .orderBy('lower(u.display_name)', 'ASC')
      .addOrderBy('p.user_id', 'ASC')
      .getMany();
  }

  /** How many ACTIVE pairings each of these mentors has now, in their order (one query). */
  async activeMentees(userIds: readonly string[]): Promise<number[]> {
    const rows: { mentor_id: string; active: number }[] = await this.dataSource.query(
      `SELECT mentor_id, count(*)::int AS active FROM mentor_pairings
        WHERE mentor_id = ANY($1::uuid[]) AND status = 'ACTIVE' GROUP BY mentor_id`,
      [userIds],
    );
    const byId = new Map(rows.map((r) => [r.mentor_id, r.active]));
    return userIds.map((id) => byId.get(id) ?? 0);
  }

  /**
   * Staff decide on an offer: approve (APPROVED, the member told), or not (the profile removed,
   * requests to them declined, the member thanked in neutral words). Not on their own offer.
   */
  async decide(staff: Viewer, userId: string, approve: boolean): Promise<MentorProfileEntity | null> {
    if (!isUuid(userId)) throw notFound('That offer to mentor');
    if (userId === staff.id)
      throw badInput('userId', 'Another staff member should decide on your own offer to mentor.');
    return inTransaction(this.dataSource, async (manager) => {
      const profile = await manager
        .createQueryBuilder(MentorProfileEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.user_id = :userId', { userId })
        .getOne();
      if (!profile) throw notFound('That offer to mentor');
      const offer = `mentor-offer:${userId}:${profile.createdAt.getTime()}`;
      if (approve) {
        if (profile.status === 'APPROVED') return profile;
        await manager.query(
          `UPDATE mentor_profiles SET status = 'APPROVED', approved_by = $2, approved_at = now(), updated_at = now() WHERE user_id = $1`,
          [userId, staff.id],
        );
        await this.notifications.notify(manager, {
          userId,
          type: 'MENTOR_UPDATE',
          sourceKey: `${offer}:approved`,
          ...NOTICES.approved,
          url: MENTORING_PATH,
        });
        return manager.findOneByOrFail(MentorProfileEntity, { userId });
      }
      await manager.query(`DELETE FROM mentor_profiles WHERE user_id = $1`, [userId]);
      await this.pairings.declineRequestsTo(manager, userId);
      await this.notifications.notify(manager, {
        userId,
        type: 'MENTOR_UPDATE',
        sourceKey: `${offer}:not-taken`,
        ...NOTICES.notTaken,
        url: MENTORING_PATH,
      });
      return null;
    });
  }

  /**
   * For a newcomer who may ask: up to 10 approved, available mentors with a free place (never the
   * viewer, never across a block), most topics in common first, then most free places.
   */
  async suggestions(viewer: Viewer, topicIds: string[]): Promise<MentorSuggestion[]> {
    if (!Array.isArray(topicIds) || topicIds.some((id) => typeof id !== 'string' || !isUuid(id))) {
      throw badInput('topicIds', 'topicIds has a topic that is not valid.');
    }
    if (topicIds.length > MENTOR_TOPICS_MAX)
      throw badInput('topicIds', `Choose at most ${MENTOR_TOPICS_MAX} topics.`);
    const eligibility = await eligibilityOf(this.dataSource, viewer.id);
    if (!eligibility.canAsk) throw forbidden(eligibility.reason ?? 'You cannot ask for a mentor.');
    const rows: {
      user_id: string;
      display_name: string;
      about: string;
      topic_ids: string[];
      overlap: number;
      free_slots: number;
    }[] = await this.dataSource.query(
      `SELECT p.user_id, u.display_name, p.about, p.topic_ids,
              cardinality(ARRAY(SELECT unnest(p.topic_ids) INTERSECT SELECT unnest($2::uuid[])))::int AS overlap,
              (p.capacity - ${activeMenteesSql('p.user_id')})::int AS free_slots
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        WHERE ${availableToSql('p', 'u', '$1::uuid')}
        ORDER BY overlap DESC, free_slots DESC, p.approved_at ASC NULLS LAST, p.user_id
        LIMIT $3`,
      [viewer.id, [...new Set(topicIds)], SUGGESTIONS_MAX],
    );
    return rows.map((r) => ({
      mentorId: r.user_id,
      displayName: r.display_name,
      about: r.about,
      topicIds: r.topic_ids,
      overlap: r.overlap,
      freeSlots: r.free_slots,
    }));
  }
}
