import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LIMITS } from '@kinship/shared';
import { Viewer } from '../../auth/viewer';
import { isUuid } from '../../common/crypto';
import { isUniqueViolation } from '../../common/db-errors';
import { MENTOR_REQUESTS_PER_DAY, RateLimitService } from '../../common/rate-limit.service';
import { stripInvisibleFormatting } from '../../common/validators';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { inTransaction } from '../../database/transaction';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../graphql/errors';
import { blockedBetween } from '../accounts/blocks.service';
import { conversationPath, MessagingService } from '../conversations/messaging.service';
import { NotificationWriter } from '../notifications/notification-writer';
import { RequestMentorInput } from './dto/mentor.inputs';
import { MentorPairingEntity, PairingCheckIn, PairingStatus } from './entities/mentor-pairing.entity';
import { activeMenteesSql, availableToSql, eligibilityOf } from './mentor-facts';
import { MENTORING_PATH, NOTICES } from './mentor-notices';
import { sideOf } from './mentor-rules';
import { MentorTopicsService } from './mentor-topics.service';
import { MentorPairing } from './models/mentor.models';

const OPEN_PAIR_KEY = 'mentor_pairings_open_pair_key';

/** Refused requests to a mentor read the same whatever the reason (full, stepped back, blocked...). */
const NOT_AVAILABLE = 'This mentor is not available right now. Please choose another from your suggestions.';

/** A member staff name when pairing directly: by id, or by display name (whatever its case). */
export interface MemberRef {
  id?: string | null;
  name?: string | null;
}

/** How many pairings the staff list shows at once, newest first. */
const STAFF_LIST_MAX = 200;

export function toPairing(entity: MentorPairingEntity): MentorPairing {
  return {
    id: entity.id,
    status: entity.status,
    createdAt: entity.createdAt,
    startedAt: entity.startedAt,
    endedAt: entity.endedAt,
    pairedByStaff: entity.pairedById !== null,
    mentorId: entity.mentorId,
    menteeId: entity.menteeId,
    topicIds: entity.topicIds,
    note: entity.note,
    conversationId: entity.conversationId,
    checkInSentAt: entity.checkInSentAt,
    mentorCheckIn: entity.mentorCheckIn,
    menteeCheckIn: entity.menteeCheckIn,
    endNote: entity.endNote,
    endedById: entity.endedById,
  };
}

/** A note to a mentor or to staff: invisible formatting removed, trimmed, at most 500 characters; blank is none. */
function cleanNote(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  if (typeof raw !== 'string') throw badInput('note', 'Note must be text.');
  const note = stripInvisibleFormatting(raw).trim();
  if (note.length > LIMITS.mentorNoteMax) {
    throw badInput('note', `Note can be at most ${LIMITS.mentorNoteMax} characters.`);
  }
  return note === '' ? null : note;
}

const alreadyOpen = (status: PairingStatus | undefined) =>
  conflict(
    status === 'ACTIVE'
      ? 'You already have a mentor. End that pairing on Mentoring before asking someone new.'
      : 'Your request to a mentor is still waiting for an answer. Withdraw it on Mentoring before asking someone else.',
    'mentorId',
  );

/**
 * Mentor pairings: a newcomer's request and the mentor's answer, staff pairing directly, ending
 * (either side, any time), the 30-day check-in and its answers. An ACTIVE pairing is what lets the
 * two message each other (conversations/conversation-access.ts); its MENTORING conversation is
 * opened in the transaction that makes it ACTIVE, and closes for sending when it ends.
 */
@Injectable()
export class PairingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messaging: MessagingService,
    private readonly notifications: NotificationWriter,
    private readonly rateLimits: RateLimitService,
    private readonly topics: MentorTopicsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The viewer's open request or pairing as mentee, else their latest; never across a block. */
  asMentee(viewerId: string): Promise<MentorPairingEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .where('p.mentee_id = :viewerId', { viewerId })
      .andWhere(`NOT ${blockedBetween('p.mentor_id', 'p.mentee_id')}`)
      .orderBy(`CASE WHEN p.status IN ('REQUESTED', 'ACTIVE') THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('p.created_at', 'DESC')
      .getOne();
  }

  /** Requests to the viewer waiting for an answer (first), then their active mentees, oldest first. */
  asMentor(viewerId: string): Promise<MentorPairingEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .where('p.mentor_id = :viewerId', { viewerId })
      .andWhere(`p.status IN ('REQUESTED', 'ACTIVE')`)
      .andWhere(`NOT ${blockedBetween('p.mentor_id', 'p.mentee_id')}`)
      .orderBy(`CASE WHEN p.status = 'REQUESTED' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();
  }

  /** Staff: pairings (of one status, or all), newest first. */
  staffList(status: PairingStatus | null | undefined): Promise<MentorPairingEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .take(STAFF_LIST_MAX);
    if (status) query.where('p.status = :status', { status });
    return query.getMany();
  }

  /**
   * A newcomer asks a mentor. One request or pairing open at a time (the unique index settles a
   * race); the mentor hears of it in the same transaction; at most 5 requests a day.
   */
  async request(viewer: Viewer, input: RequestMentorInput): Promise<MentorPairingEntity> {
    const eligibility = await eligibilityOf(this.dataSource, viewer.id);
    if (!eligibility.canAsk) throw forbidden(eligibility.reason ?? 'You cannot ask for a mentor.');
    if (input.mentorId === viewer.id) {
      throw badInput(
        'mentorId',
        "You can't be your own mentor. Please choose someone from your suggestions.",
      );
    }
    const note = cleanNote(input.note);
    await this.rateLimits.consume('mentor-request', viewer.id, (seconds) => {
      const hours = Math.max(1, Math.ceil(seconds / 3600));
      return new DomainError(
        'RATE_LIMITED',
        `You have sent ${MENTOR_REQUESTS_PER_DAY} mentor requests today. You can ask again in ${hours} hour${hours === 1 ? '' : 's'}.`,
        { retryAfterSeconds: Math.ceil(seconds) },
      );
    });
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        await this.topics.checkChoosable(manager, 'topicIds', input.topicIds);
        await this.closeAcrossBlocks(manager, viewer.id);
        const [open]: { status: PairingStatus }[] = await manager.query(
          `SELECT status FROM mentor_pairings WHERE mentee_id = $1 AND status IN ('REQUESTED', 'ACTIVE')`,
          [viewer.id],
        );
        if (open) throw alreadyOpen(open.status);
        const [mentor]: { user_id: string }[] = await manager.query(
          `SELECT p.user_id FROM mentor_profiles p JOIN users u ON u.id = p.user_id
            WHERE p.user_id = $1 AND ${availableToSql('p', 'u', '$2::uuid')}`,
          [input.mentorId, viewer.id],
        );
        if (!mentor) throw badInput('mentorId', NOT_AVAILABLE);
        let id: string;
        try {
          [{ id }] = await manager.query<{ id: string }[]>(
            `INSERT INTO mentor_pairings (mentor_id, mentee_id, status, note, topic_ids) VALUES ($1, $2, 'REQUESTED', $3, $4) RETURNING id`,
            [input.mentorId, viewer.id, note, input.topicIds],
          );
        } catch (error) {
          // A second request sent at the same moment.
          if (isUniqueViolation(error, OPEN_PAIR_KEY)) throw alreadyOpen('REQUESTED');
          throw error;
        }
        await this.notifications.fanOut(manager, {
          type: 'MENTOR_REQUEST',
          sourceKey: `mentor-request:${id}`,
          actor: '$2::uuid',
          recipients: `
            SELECT $1::uuid AS user_id, m.display_name || $3::text AS title, $4::text AS body, $5::text AS url
              FROM users m WHERE m.id = $2`,
          params: [input.mentorId, viewer.id, NOTICES.request.title, NOTICES.request.body, MENTORING_PATH],
        });
        return manager.findOneByOrFail(MentorPairingEntity, { id });
      });
    } catch (error) {
      // Nothing was asked: the attempt does not count.
      await this.rateLimits.refund('mentor-request', viewer.id);
      throw error;
    }
  }

  /**
   * The mentor answers a request. Accepting (within their capacity) makes it ACTIVE and opens the
   * MENTORING conversation; declining tells the mentee only that the mentor is not available.
   */
  async respond(viewer: Viewer, id: string, accept: boolean): Promise<MentorPairingEntity> {
    const answer = await inTransaction(
      this.dataSource,
      async (manager): Promise<MentorPairingEntity | 'separated'> => {
        const pairing = await this.locked(manager, id, 'p.mentor_id = :viewerId', viewer.id);
        // Answering twice the same way (a double tap) changes nothing.
        if (pairing?.status === (accept ? 'ACTIVE' : 'DECLINED')) return pairing;
        if (!pairing || pairing.status !== 'REQUESTED') throw notFound('That request');
        await this.readNotice(manager, viewer.id, `mentor-request:${pairing.id}`);
        // A block written while the request was being sent: the request closes (committed, nobody
        // told) and reads as one that never existed.
        if (await this.closeAcrossBlocks(manager, pairing.menteeId)) return 'separated';
        if (!accept) {
          await this.decline(manager, pairing, viewer.id, null);
          return manager.findOneByOrFail(MentorPairingEntity, { id: pairing.id });
        }
        const [locked]: { capacity: number }[] = await manager.query(
          `SELECT p.capacity FROM mentor_profiles p WHERE p.user_id = $1 FOR UPDATE OF p`,
          [viewer.id],
        );
        if (!locked) throw conflict('Offer to mentor again on Mentoring before accepting a request.');
        const profile = { capacity: locked.capacity, active: await this.activeMentees(manager, viewer.id) };
        if (profile.active >= profile.capacity) {
          throw conflict(
            `You are mentoring ${profile.active} ${profile.active === 1 ? 'person' : 'people'}, as many as your capacity of ${profile.capacity} allows. End a pairing, or raise your capacity on Mentoring, before accepting.`,
          );
        }
        const conversationId = await this.start(manager, pairing, null);
        await this.notifications.fanOut(manager, {
          type: 'MENTOR_UPDATE',
          sourceKey: `mentor-update:${pairing.id}:accepted`,
          actor: '$2::uuid',
          recipients: `
          SELECT $1::uuid AS user_id, m.display_name || $3::text AS title, $4::text AS body, $5::text AS url
            FROM users m WHERE m.id = $2`,
          params: [
            pairing.menteeId,
            viewer.id,
            NOTICES.accepted.title,
            NOTICES.accepted.body,
            conversationPath(conversationId),
          ],
        });
        return manager.findOneByOrFail(MentorPairingEntity, { id: pairing.id });
      },
    );
    if (answer === 'separated') throw notFound('That request');
    return answer;
  }

  /**
   * Either side ends a pairing, at any time, with an optional note to staff (the other side never
   * reads it, and hears only that it has ended). A request the mentee ends is withdrawn (ENDED
   * without starting, nobody told); one the mentor ends is declined. Ending a closed one changes nothing.
   */
  async end(viewer: Viewer, id: string, rawNote: string | null | undefined): Promise<MentorPairingEntity> {
    const note = cleanNote(rawNote);
    return inTransaction(this.dataSource, async (manager) => {
      const pairing = await this.locked(
        manager,
        id,
        '(p.mentor_id = :viewerId OR p.mentee_id = :viewerId)',
        viewer.id,
      );
      if (!pairing) throw notFound('That pairing');
      if (pairing.status === 'ACTIVE') await this.close(manager, pairing, viewer.id, note);
      else if (pairing.status === 'REQUESTED' && pairing.mentorId === viewer.id) {
        await this.readNotice(manager, viewer.id, `mentor-request:${pairing.id}`);
        await this.decline(manager, pairing, viewer.id, note);
      } else if (pairing.status === 'REQUESTED') {
        await manager.query(
          `UPDATE mentor_pairings SET status = 'ENDED', ended_at = now(), ended_by = $2, end_note = $3 WHERE id = $1`,
          [pairing.id, viewer.id, note],
        );
        // Withdrawn: the mentor's request notification has nothing left to answer.
        await this.readNotice(manager, pairing.mentorId, `mentor-request:${pairing.id}`);
      }
      return manager.findOneByOrFail(MentorPairingEntity, { id: pairing.id });
    });
  }

  /**
   * Staff pair a mentor and a mentee directly: ACTIVE at once, with its conversation, and both
   * told. The mentor must be an approved mentor with a free place who is taking mentees; the
   * mentee's first-6-months rule is staff's to judge. Each is named by id or by display name.
   */
  async pair(staff: Viewer, mentorRef: MemberRef, menteeRef: MemberRef): Promise<MentorPairingEntity> {
    const mentorId = await this.memberId('mentor', mentorRef);
    const menteeId = await this.memberId('mentee', menteeRef);
    if (mentorId === menteeId)
      throw badInput('menteeId', 'A member cannot be their own mentor. Choose two different members.');
    if (staff.id === mentorId || staff.id === menteeId) {
      throw badInput(
        staff.id === mentorId ? 'mentorId' : 'menteeId',
        'Please ask another staff member to pair you with someone.',
      );
    }
    return inTransaction(this.dataSource, async (manager) => {
      const people: { id: string; display_name: string; blocked: boolean }[] = await manager.query(
        `SELECT u.id, u.display_name, ${blockedBetween('$1::uuid', '$2::uuid')} AS blocked
           FROM users u WHERE u.id IN ($1, $2) AND u.deleted_at IS NULL`,
        [mentorId, menteeId],
      );
      const mentor = people.find((p) => p.id === mentorId);
      const mentee = people.find((p) => p.id === menteeId);
      if (!mentor) throw badInput('mentorId', 'That mentor could not be found.');
      if (!mentee) throw badInput('menteeId', 'That mentee could not be found.');
      if (mentor.blocked) throw badInput('menteeId', 'These two members cannot be paired.');
      const [locked]: { status: string; available: boolean; capacity: number }[] = await manager.query(
        `SELECT p.status, p.available, p.capacity FROM mentor_profiles p WHERE p.user_id = $1 FOR UPDATE OF p`,
        [mentorId],
      );
      if (!locked) throw badInput('mentorId', `${mentor.display_name} has not offered to mentor.`);
      const profile = { ...locked, active: await this.activeMentees(manager, mentorId) };
      if (profile.status !== 'APPROVED') {
        throw badInput(
          'mentorId',
          `${mentor.display_name}'s offer to mentor is waiting for approval. Approve it first.`,
        );
      }
      if (!profile.available)
        throw conflict(`${mentor.display_name} is not taking new mentees right now.`, 'mentorId');
      if (profile.active >= profile.capacity) {
        throw conflict(
          `${mentor.display_name} already mentors ${profile.active}, as many as they offered.`,
          'mentorId',
        );
      }
      await this.closeAcrossBlocks(manager, menteeId);
      const menteeOpen = conflict(
        `${mentee.display_name} already has a mentor or a request waiting for an answer.`,
        'menteeId',
      );
      const [open]: unknown[] = await manager.query(
        `SELECT 1 FROM mentor_pairings WHERE mentee_id = $1 AND status IN ('REQUESTED', 'ACTIVE')`,
        [menteeId],
      );
      if (open) throw menteeOpen;
      let id: string;
      try {
        [{ id }] = await manager.query<{ id: string }[]>(
          `INSERT INTO mentor_pairings (mentor_id, mentee_id, status, paired_by) VALUES ($1, $2, 'REQUESTED', $3) RETURNING id`,
          [mentorId, menteeId, staff.id],
        );
      } catch (error) {
        if (isUniqueViolation(error, OPEN_PAIR_KEY)) throw menteeOpen;
        throw error;
      }
      const pairing = await manager.findOneByOrFail(MentorPairingEntity, { id });
      const conversationId = await this.start(manager, pairing, staff.id);
      await this.notifications.fanOut(manager, {
        type: 'MENTOR_UPDATE',
        sourceKey: `mentor-update:${id}:paired`,
        recipients: `
          SELECT $2::uuid AS user_id, m.display_name || $3::text AS title, $5::text AS body, $6::text AS url FROM users m WHERE m.id = $1
          UNION ALL
          SELECT $1::uuid, e.display_name || $4::text, $5::text, $6::text FROM users e WHERE e.id = $2`,
        params: [
          mentorId,
          menteeId,
          NOTICES.pairedMentee.title,
          NOTICES.pairedMentor.title,
          NOTICES.pairedMentee.body,
          conversationPath(conversationId),
        ],
      });
      return manager.findOneByOrFail(MentorPairingEntity, { id });
    });
  }

  /**
   * One side's answer to the check-in (staff read it; the other side never does). They may change
   * it; END_IT also ends an ACTIVE pairing, as ending it would (without a note).
   */
  async answerCheckIn(viewer: Viewer, id: string, answer: PairingCheckIn): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const pairing = await this.locked(
        manager,
        id,
        '(p.mentor_id = :viewerId OR p.mentee_id = :viewerId)',
        viewer.id,
      );
      if (!pairing) throw notFound('That pairing');
      if (!pairing.checkInSentAt)
        throw conflict('There is no check-in to answer for this pairing yet.', 'id');
      const column = sideOf(pairing, viewer.id) === 'MENTOR' ? 'mentor_check_in' : 'mentee_check_in';
      await manager.query(`UPDATE mentor_pairings SET ${column} = $2 WHERE id = $1`, [pairing.id, answer]);
      await this.readNotice(manager, viewer.id, `mentor-check-in:${pairing.id}`);
      if (answer === 'END_IT' && pairing.status === 'ACTIVE')
        await this.close(manager, pairing, viewer.id, null);
    });
  }

  /**
   * The gentle check-in: both sides of each pairing ACTIVE for 30 days (MENTOR_CHECK_IN_DAYS) are
   * asked how it is going, once. The claim (check_in_sent_at) and the notifications are one
   * statement, and each notification has its own key, so a second run, or a second worker, tells
   * nobody again. Returns how many members were told.
   */
  async sendCheckIns(now = new Date()): Promise<number> {
    const told = await this.notifications.fanOut(this.dataSource, {
      type: 'MENTOR_CHECK_IN',
      with: `WITH due AS (
               UPDATE mentor_pairings SET check_in_sent_at = $1::timestamptz
                WHERE status = 'ACTIVE' AND check_in_sent_at IS NULL
                  AND started_at <= $1::timestamptz - make_interval(days => $2::int)
                RETURNING id, mentor_id, mentee_id)`,
      recipients: `
        SELECT s.user_id, $3::text AS title, $4::text AS body, $5::text AS url, 'mentor-check-in:' || d.id AS source_key
          FROM due d CROSS JOIN LATERAL (VALUES (d.mentor_id), (d.mentee_id)) AS s(user_id)`,
      params: [
        now,
        this.config.mentoring.checkInDays,
        NOTICES.checkIn.title,
        NOTICES.checkIn.body,
        MENTORING_PATH,
      ],
    });
    return told.length;
  }

  /**
   * A mentor who stops offering (withdrawn, or not taken up by staff): requests waiting for them
   * are declined, each mentee told only that they are not available. Active pairings go on.
   */
  async declineRequestsTo(manager: EntityManager, mentorId: string): Promise<void> {
    const waiting = await manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.mentor_id = :mentorId', { mentorId })
      .andWhere(`p.status = 'REQUESTED'`)
      .getMany();
    for (const pairing of waiting) {
      await this.readNotice(manager, mentorId, `mentor-request:${pairing.id}`);
      await this.decline(manager, pairing, null, null);
    }
  }

  /**
   * A member deleting their account (in its transaction): their offer goes, requests they made
   * are withdrawn, requests to them declined, active pairings ended (the other side told, neutrally
   * and without a name), and the words they wrote in pairings erased.
   */
  async leave(manager: EntityManager, userId: string): Promise<void> {
    const open = await manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .setLock('pessimistic_write')
      .where('(p.mentor_id = :userId OR p.mentee_id = :userId)', { userId })
      .andWhere(`p.status IN ('REQUESTED', 'ACTIVE')`)
      .getMany();
    for (const pairing of open) {
      if (pairing.status === 'ACTIVE') await this.close(manager, pairing, userId, null);
      else if (pairing.mentorId === userId) await this.decline(manager, pairing, userId, null);
      else {
        await manager.query(
          `UPDATE mentor_pairings SET status = 'ENDED', ended_at = now(), ended_by = $2 WHERE id = $1`,
          [pairing.id, userId],
        );
        await this.readNotice(manager, pairing.mentorId, `mentor-request:${pairing.id}`);
      }
    }
    await manager.query(`DELETE FROM mentor_profiles WHERE user_id = $1`, [userId]);
    await manager.query(`UPDATE mentor_pairings SET note = NULL WHERE mentee_id = $1 AND note IS NOT NULL`, [
      userId,
    ]);
    await manager.query(
      `UPDATE mentor_pairings SET end_note = NULL WHERE ended_by = $1 AND end_note IS NOT NULL`,
      [userId],
    );
    // Their own answers to the 30-day check-in go too.
    await manager.query(`UPDATE mentor_pairings SET mentor_check_in = NULL WHERE mentor_id = $1`, [userId]);
    await manager.query(`UPDATE mentor_pairings SET mentee_check_in = NULL WHERE mentee_id = $1`, [userId]);
  }

  /**
   * The block trigger closes open pairings across a new block, but not one whose request was still
   * being written when the block landed: this closes those of `menteeId` as the trigger would
   * (nobody told). Returns whether it closed one.
   */
  private async closeAcrossBlocks(manager: EntityManager, menteeId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE mentor_pairings SET status = CASE WHEN status = 'ACTIVE' THEN 'ENDED' ELSE 'DECLINED' END, ended_at = now()
        WHERE mentee_id = $1 AND status IN ('REQUESTED', 'ACTIVE') AND ${blockedBetween('mentor_id', 'mentee_id')}`,
      [menteeId],
    );
    return count > 0;
  }

  /** Makes a pairing ACTIVE now with its MENTORING conversation; returns the conversation's id. */
  private async start(
    manager: EntityManager,
    pairing: MentorPairingEntity,
    pairedById: string | null,
  ): Promise<string> {
    const conversationId = await this.messaging.open(manager, {
      kind: 'MENTORING',
      createdById: null,
      memberIds: [pairing.mentorId, pairing.menteeId],
    });
    await manager.query(
      `UPDATE mentor_pairings SET status = 'ACTIVE', started_at = now(), conversation_id = $2, paired_by = COALESCE($3, paired_by) WHERE id = $1`,
      [pairing.id, conversationId, pairedById],
    );
    return conversationId;
  }

  /** DECLINED, the mentee told only that the mentor is not available right now (never why). */
  private async decline(
    manager: EntityManager,
    pairing: MentorPairingEntity,
    by: string | null,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE mentor_pairings SET status = 'DECLINED', ended_at = now(), ended_by = $2, end_note = $3 WHERE id = $1`,
      [pairing.id, by, note],
    );
    await this.notifications.notify(manager, {
      userId: pairing.menteeId,
      type: 'MENTOR_UPDATE',
      sourceKey: `mentor-update:${pairing.id}:declined`,
      title: NOTICES.notAvailable.title,
      body: NOTICES.notAvailable.body,
      url: MENTORING_PATH,
    });
  }

  /** ENDED by `by`, with their note to staff; the other side hears only that it has ended. */
  private async close(
    manager: EntityManager,
    pairing: MentorPairingEntity,
    by: string,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE mentor_pairings SET status = 'ENDED', ended_at = now(), ended_by = $2, end_note = $3 WHERE id = $1`,
      [pairing.id, by, note],
    );
    const other = pairing.mentorId === by ? pairing.menteeId : pairing.mentorId;
    await this.notifications.notify(manager, {
      userId: other,
      type: 'MENTOR_UPDATE',
      sourceKey: `mentor-update:${pairing.id}:ended`,
      title: NOTICES.ended.title,
      body: NOTICES.ended.body,
      url: MENTORING_PATH,
    });
  }

  /** The member a staff member named (by id, else by display name), or the field at fault. */
  private async memberId(side: 'mentor' | 'mentee', ref: MemberRef): Promise<string> {
    if (ref.id != null && ref.id !== '') {
      if (!isUuid(ref.id)) throw badInput(`${side}Id`, `${side}Id is not a valid member.`);
      return ref.id;
    }
    const name = ref.name?.trim() ?? '';
    if (name === '') throw badInput(`${side}Name`, `Choose the ${side}: type their display name.`);
    const [member]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE lower(display_name) = lower($1) AND deleted_at IS NULL`,
      [name.slice(0, 200)],
    );
    if (!member)
      throw badInput(
        `${side}Name`,
        `No member is called “${name.slice(0, 80)}”. Check the spelling of their display name.`,
      );
    return member.id;
  }

  /** The pairing `id`, locked, if `where` (over alias p and :viewerId) holds for the viewer. */
  private async locked(
    manager: EntityManager,
    id: string,
    where: string,
    viewerId: string,
  ): Promise<MentorPairingEntity | null> {
    if (!isUuid(id)) return null;
    return manager
      .createQueryBuilder(MentorPairingEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .andWhere(where, { viewerId })
      .getOne();
  }

  /**
   * The mentor's ACTIVE pairings, counted in its own statement after their profile is locked: a
   * statement started before the lock was granted would not see a pairing the holder just made.
   */
  private async activeMentees(manager: EntityManager, mentorId: string): Promise<number> {
    const [{ active }]: { active: number }[] = await manager.query(`SELECT ${activeMenteesSql('$1::uuid')} AS active`, [mentorId]);
    return active;
  }

  private async readNotice(manager: EntityManager, userId: string, sourceKey: string): Promise<void> {
    await manager.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND source_key = $2 AND read_at IS NULL`,
      [userId, sourceKey],
    );
  }
}
