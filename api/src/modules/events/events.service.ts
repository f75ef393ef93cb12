import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@kinship/shared';
import type { ContentStatus, RsvpStatus } from '@kinship/shared';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { isUuid, randomToken, sha256 } from '../../common/crypto';
import { renderMarkdown } from '../../common/markdown';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { ModerationLogService } from '../screening/moderation-log.service';
import { ScreeningService } from '../screening/screening.service';
import { CreateEventInput, EventScope, UpdateEventInput } from './dto/event.inputs';
import { CalendarTokenEntity } from './entities/calendar-token.entity';
import { EventEntity } from './entities/event.entity';
import { RsvpEntity } from './entities/rsvp.entity';
import {
  EVENT_REMINDER,
  NOTIFY_EVENT_CANCELLED,
  NOTIFY_EVENT_CHANGED,
  NOTIFY_WAITLIST_PROMOTED,
  reminderJobId,
} from './jobs/events.jobs';
import { rsvpOpen } from './models/event.model';
import { seriesStarts } from './series';

export interface EventsArgs extends PageArgs {
  from?: Date;
  to?: Date;
  kind?: string;
  mine?: boolean;
}

/** The fields that decide when and where: changing one tells the members who planned to come. */
const TIME_OR_PLACE = ['startsAt', 'endsAt', 'timeZone', 'address', 'onlineUrl'] as const;

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly screening: ScreeningService,
    private readonly moderationLog: ModerationLogService,
  ) {}

  // ---- Reading ----------------------------------------------------------------------------

  /** Upcoming first, by start: published events, plus the viewer's own pending ones (all for moderators). */
  async list(args: EventsArgs, viewer: Viewer): Promise<Connection<EventEntity>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .where(this.visible(viewer), { viewerId: viewer.id })
      .andWhere('e.ends_at >= :from', { from: args.from ?? new Date() })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(first + 1);
    if (args.to) query.andWhere('e.starts_at < :to', { to: args.to });
    if (args.kind) query.andWhere('e.kind = :kind', { kind: args.kind });
    if (args.mine) {
      query.andWhere(
        `(e.organizer_id = :viewerId OR EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id AND r.user_id = :viewerId AND r.status = 'GOING'))`,
        { viewerId: viewer.id },
      );
    }
    if (after) query.andWhere('(e.starts_at, e.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (e) => [e.startsAt.toISOString(), e.id], (e) => e);
  }

  async find(id: string, viewer: Viewer): Promise<EventEntity | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.id = :id', { id })
      .andWhere(this.visible(viewer), { viewerId: viewer.id })
      .getOne();
  }

  /** Address and link: for members going, the organiser and moderators. */
  async mayLocate(event: EventEntity, viewer: Viewer): Promise<boolean> {
    if (event.organizerId === viewer.id || hasRole(viewer.role, 'MODERATOR')) return true;
    const rsvp = await this.dataSource.manager.findOneBy(RsvpEntity, { eventId: event.id, userId: viewer.id });
    return rsvp?.status === 'GOING' && !rsvp.waitlisted;
  }

  // ---- Writing ----------------------------------------------------------------------------

  /**
   * Staff publish at once; a member's proposal waits for a moderator (a PREMODERATION case). A
   * recurring series creates every occurrence now (up to 12), each with its own RSVPs.
   */
  async create(input: CreateEventInput, viewer: Viewer): Promise<EventEntity[]> {
    const fields = this.validated(input, null);
    const staff = hasRole(viewer.role, 'MODERATOR');
    const starts = input.recurrence
      ? seriesStarts(fields.startsAt, fields.timeZone, input.recurrence.frequency, input.recurrence.count)
      : [fields.startsAt];
    const duration = fields.endsAt.getTime() - fields.startsAt.getTime();
    const deadlineLead = fields.rsvpDeadline ? fields.startsAt.getTime() - fields.rsvpDeadline.getTime() : null;
    const seriesId = starts.length > 1 ? randomUUID() : null;
    return inTransaction(this.dataSource, async (manager) => {
      const created: EventEntity[] = [];
      for (const startsAt of starts) {
        const event = await manager.save(
          manager.create(EventEntity, {
            ...fields,
            seriesId,
            organizerId: viewer.id,
            startsAt,
            endsAt: new Date(startsAt.getTime() + duration),
            rsvpDeadline: deadlineLead === null ? null : new Date(startsAt.getTime() - deadlineLead),
            status: staff ? 'VISIBLE' : 'PENDING_REVIEW',
          }),
        );
        if (staff) await this.scheduleReminders(manager, event);
        else await this.screening.openCase(manager, 'PREMODERATION', 'NORMAL', { type: 'EVENT', id: event.id, authorId: viewer.id });
        created.push(event);
      }
      return created;
    });
  }

  /**
   * Organiser or moderator; THIS occurrence or ALL_FUTURE ones in its series (times shift by the
   * same amount). A member's edit of an approved event goes back to review, as a resource's does:
   * a moderator approved what it said, not what it says now. The edit is merged into the event as
   * it is under the lock, so two edits at once (one moving it, one renaming it) both hold.
   */
  async update(id: string, input: UpdateEventInput, viewer: Viewer): Promise<EventEntity> {
    const found = await this.find(id, viewer);
    if (!found) throw notFound('That event');
    this.assertMayEdit(found, viewer);
    const staff = hasRole(viewer.role, 'MODERATOR');
    if (found.cancelledAt) throw forbidden('This event was cancelled, so it can no longer be edited.');
    const wholeSeries = input.scope === EventScope.ALL_FUTURE && found.seriesId !== null;
    return inTransaction(this.dataSource, async (manager) => {
      // Every occurrence the edit may touch is locked before any is read, in id order like
      // withdrawMember, so the two can never deadlock.
      const locked = wholeSeries
        ? await manager
            .createQueryBuilder(EventEntity, 'e')
            .setLock('pessimistic_write')
            .where('e.series_id = :seriesId', { seriesId: found.seriesId })
            .orderBy('e.id')
            .getMany()
        : [await manager.findOneOrFail(EventEntity, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } })];
      const event = locked.find((e) => e.id === found.id);
      if (!event) throw notFound('That event');
      if (event.cancelledAt) throw forbidden('This event was cancelled, so it can no longer be edited.');
      const changed = this.validated(input, event);
      const shiftMs = changed.startsAt.getTime() - event.startsAt.getTime();
      const targets = wholeSeries ? locked.filter((e) => e.startsAt >= event.startsAt && !e.cancelledAt) : locked;
      for (const target of targets) {
        const own = target.id === event.id;
        const next: Partial<EventEntity> = {
          title: changed.title,
          description: changed.description,
          descriptionHtml: changed.descriptionHtml,
          kind: changed.kind,
          timeZone: changed.timeZone,
          address: changed.address,
          onlineUrl: changed.onlineUrl,
          capacity: changed.capacity,
          startsAt: own ? changed.startsAt : new Date(target.startsAt.getTime() + shiftMs),
          endsAt: own ? changed.endsAt : new Date(target.endsAt.getTime() + shiftMs),
          rsvpDeadline: own
            ? changed.rsvpDeadline
            : changed.rsvpDeadline && new Date(changed.rsvpDeadline.getTime() - event.startsAt.getTime() + target.startsAt.getTime()),
        };
        const timeOrPlace = TIME_OR_PLACE.some((key) => String(next[key] ?? '') !== String(target[key] ?? ''));
        const backToReview = !staff && target.status === 'VISIBLE';
        if (backToReview) next.status = 'PENDING_REVIEW';
        if (!staff && timeOrPlace && (backToReview || target.changedInReview)) next.changedInReview = true;
        Object.assign(target, next);
        const saved = await manager.save(target);
        await this.promoteWhileSeats(manager, saved);
        if (backToReview) {
          await this.screening.openCase(manager, 'PREMODERATION', 'NORMAL', { type: 'EVENT', id: saved.id, authorId: saved.organizerId });
        } else if (timeOrPlace && saved.status === 'VISIBLE') {
          await this.scheduleReminders(manager, saved);
          await this.outbox.enqueue(manager, NOTIFY_EVENT_CHANGED, { eventId: saved.id, version: saved.updatedAt.toISOString() });
        }
      }
      return manager.findOneByOrFail(EventEntity, { id: event.id });
    });
  }

  /** Organiser or moderator, with a reason the members are told; reminders are withdrawn. */
  async cancel(id: string, reason: string, viewer: Viewer): Promise<EventEntity> {
    const event = await this.find(id, viewer);
    if (!event) throw notFound('That event');
    this.assertMayEdit(event, viewer);
    if (!reason.trim()) throw badInput('reason', 'Please give a reason: members who planned to come will be told it.');
    if (event.cancelledAt) throw conflict('This event is already cancelled.');
    return inTransaction(this.dataSource, async (manager) => {
      await manager.update(EventEntity, { id: event.id }, { cancelledAt: new Date(), cancelReason: reason.trim().slice(0, 500) });
      for (const minutes of this.config.eventReminderMinutes) {
        await this.outbox.cancel(manager, EVENT_REMINDER, reminderJobId(event.id, minutes));
      }
      await this.outbox.enqueue(manager, NOTIFY_EVENT_CANCELLED, { eventId: event.id });
      if (event.organizerId !== viewer.id) {
        await this.moderationLog.record(manager, {
          moderatorId: viewer.id,
          action: 'REMOVE',
          targetType: 'EVENT',
          targetId: event.id,
          targetUserId: event.organizerId,
          reason,
          content: event.title,
        });
      }
      return manager.findOneByOrFail(EventEntity, { id: event.id });
    });
  }

  /**
   * GOING takes a seat while there is one, else joins the waitlist in arrival order; leaving a
   * seat promotes the first in line. All under the event's row lock, in one transaction, so 200
   * members answering at once leave exactly `capacity` going and the rest queued in order.
   */
  async rsvp(eventId: string, status: RsvpStatus, viewer: Viewer): Promise<RsvpEntity> {
    if (!isUuid(eventId)) throw notFound('That event');
    return inTransaction(this.dataSource, async (manager) => {
      const event = await manager
        .createQueryBuilder(EventEntity, 'e')
        .setLock('pessimistic_write')
        .where('e.id = :id', { id: eventId })
        .andWhere(this.visible(viewer), { viewerId: viewer.id })
        .getOne();
      if (!event) throw notFound('That event');
      if (event.cancelledAt) throw forbidden('This event was cancelled, so it is not taking RSVPs.');
      if (!rsvpOpen(event)) throw forbidden('RSVPs for this event have closed.');

      const existing = await manager.findOneBy(RsvpEntity, { eventId: event.id, userId: viewer.id });
      const wasGoing = existing?.status === 'GOING' && !existing.waitlisted;
      const wasWaiting = existing?.status === 'GOING' && existing.waitlisted;
      if (status === 'GOING' && (wasGoing || wasWaiting)) return existing;

      const rsvp = existing ?? manager.create(RsvpEntity, { eventId: event.id, userId: viewer.id });
      rsvp.status = status;
      rsvp.waitlisted = false;
      rsvp.waitlistSeq = null;
      if (status === 'GOING') {
        if (event.capacity === null || event.goingCount < event.capacity) {
          event.goingCount += 1;
        } else {
          const [{ seq }]: { seq: string }[] = await manager.query(`SELECT nextval('rsvp_waitlist_seq')::text AS seq`);
          rsvp.waitlisted = true;
          rsvp.waitlistSeq = seq;
          event.waitlistCount += 1;
        }
      }
      if (wasGoing) event.goingCount -= 1;
      if (wasWaiting) event.waitlistCount -= 1;
      const saved = await manager.save(rsvp);
      await manager.update(EventEntity, { id: event.id }, { goingCount: event.goingCount, waitlistCount: event.waitlistCount });
      if (wasGoing) await this.promoteWhileSeats(manager, event);
      return saved;
    });
  }

  /**
   * A member is leaving: every RSVP of theirs goes, seats and places in line are given back, and
   * each seat they held goes to the first member waiting, as if they had cancelled. Events are
   * locked in id order, so this never deadlocks against RSVPs arriving at the same time.
   */
  async withdrawMember(manager: EntityManager, userId: string): Promise<void> {
    const events: { id: string }[] = await manager.query(
      `SELECT e.id FROM events e JOIN rsvps r ON r.event_id = e.id AND r.user_id = $1 ORDER BY e.id FOR UPDATE OF e`,
      [userId],
    );
    for (const { id } of events) {
      const [[gone]]: [{ going: boolean; waiting: boolean }[], number] = await manager.query(
        `DELETE FROM rsvps WHERE event_id = $1 AND user_id = $2
         RETURNING status = 'GOING' AND NOT waitlisted AS going, status = 'GOING' AND waitlisted AS waiting`,
        [id, userId],
      );
      if (!gone || (!gone.going && !gone.waiting)) continue;
      const [[event]]: [EventEntity[], number] = await manager.query(
        `UPDATE events SET going_count = going_count - $2::int, waitlist_count = waitlist_count - $3::int
          WHERE id = $1 RETURNING id, cancelled_at AS "cancelledAt", ends_at AS "endsAt"`,
        [id, gone.going ? 1 : 0, gone.waiting ? 1 : 0],
      );
      if (gone.going && !event.cancelledAt && event.endsAt > new Date()) {
        await this.promoteWhileSeats(manager, event);
      }
    }
  }

  /** Publishes or withdraws an event for the moderation queue (APPROVE / HIDE / REMOVE / RESTORE). */
  async setStatus(manager: EntityManager, event: EventEntity, status: ContentStatus): Promise<void> {
    if (status !== 'VISIBLE') {
      await manager.update(EventEntity, { id: event.id }, { status });
      return;
    }
    const [[approved]]: [{ changed: boolean; updatedAt: Date }[], number] = await manager.query(
      `UPDATE events e SET status = 'VISIBLE', changed_in_review = false
         FROM (SELECT id, changed_in_review FROM events WHERE id = $1 FOR UPDATE) before
        WHERE e.id = before.id
      RETURNING before.changed_in_review AS changed, e.updated_at AS "updatedAt"`,
      [event.id],
    );
    await this.scheduleReminders(manager, { ...event, status });
    // An edit that moved the time or place waited for this approval to be announced.
    if (approved?.changed) {
      await this.outbox.enqueue(manager, NOTIFY_EVENT_CHANGED, { eventId: event.id, version: approved.updatedAt.toISOString() });
    }
  }

  async waitlistPosition(rsvp: RsvpEntity): Promise<number | null> {
    if (!rsvp.waitlisted || rsvp.waitlistSeq === null) return null;
    const [{ position }]: { position: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS position FROM rsvps WHERE event_id = $1 AND waitlisted AND waitlist_seq <= $2`,
      [rsvp.eventId, rsvp.waitlistSeq],
    );
    return position;
  }

  /** Display names of members going, in the order they took their seats. */
  async attendeesByEventIds(ids: readonly string[]): Promise<{ id: string; displayName: string }[][]> {
    const rows: { event_id: string; id: string; display_name: string }[] = await this.dataSource.query(
      `SELECT r.event_id, u.id, u.display_name FROM rsvps r JOIN users u ON u.id = r.user_id
        WHERE r.event_id = ANY($1::uuid[]) AND r.status = 'GOING' AND NOT r.waitlisted
        ORDER BY r.updated_at`,
      [ids],
    );
    return ids.map((id) => rows.filter((r) => r.event_id === id).map((r) => ({ id: r.id, displayName: r.display_name })));
  }

  async rsvpsForViewer(ids: readonly string[], viewerId: string): Promise<(RsvpEntity | null)[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(RsvpEntity, 'r')
      .where('r.event_id IN (:...ids) AND r.user_id = :viewerId', { ids, viewerId })
      .getMany();
    return ids.map((id) => rows.find((r) => r.eventId === id) ?? null);
  }

  // ---- Calendars --------------------------------------------------------------------------

  /** A new private feed link (the old one stops working). Returned once: only its hash is kept. */
  async resetCalendarToken(viewer: Viewer): Promise<string> {
    const token = randomToken();
    await this.dataSource.query(
      `INSERT INTO calendar_tokens (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [viewer.id, sha256(token)],
    );
    return token;
  }

  /** The member behind a feed token, with their going events (recent and upcoming). */
  async feed(token: string): Promise<{ user: UserEntity; events: EventEntity[] } | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const row = await this.dataSource.manager.findOneBy(CalendarTokenEntity, { tokenHash: sha256(token) });
    if (!row) return null;
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: row.userId });
    if (!user || (user.suspendedUntil && user.suspendedUntil > new Date())) return null;
    const events = await this.dataSource.manager
      .createQueryBuilder(EventEntity, 'e')
      .innerJoin(RsvpEntity, 'r', "r.event_id = e.id AND r.user_id = :userId AND r.status = 'GOING' AND NOT r.waitlisted", {
        userId: user.id,
      })
      .where("e.status = 'VISIBLE' AND e.ends_at > now() - interval '30 days'")
      .orderBy('e.starts_at', 'ASC')
      .limit(500)
      .getMany();
    return { user, events };
  }

  // ---- Helpers ----------------------------------------------------------------------------

  private visible(viewer: Viewer): string {
    if (hasRole(viewer.role, 'MODERATOR')) return 'TRUE';
    return "(e.status = 'VISIBLE' OR e.organizer_id = :viewerId)";
  }

  private assertMayEdit(event: EventEntity, viewer: Viewer): void {
    if (event.organizerId !== viewer.id && !hasRole(viewer.role, 'MODERATOR')) {
      throw forbidden('Only the organiser or a moderator can change this event.');
    }
  }

  /** Merges the input over the current event (if any) and checks the whole, naming the field at fault. */
  private validated(input: CreateEventInput | UpdateEventInput, current: EventEntity | null) {
    const pick = <K extends keyof EventEntity>(key: K, value: EventEntity[K] | undefined): EventEntity[K] | undefined =>
      value !== undefined ? value : current?.[key];
    const title = pick('title', input.title);
    const kind = pick('kind', input.kind);
    const startsAt = pick('startsAt', input.startsAt);
    const endsAt = pick('endsAt', input.endsAt);
    const timeZone = pick('timeZone', input.timeZone);
    const description = pick('description', input.description) ?? '';
    const address = (input.address !== undefined ? input.address || null : current?.address) ?? null;
    const onlineUrl = (input.onlineUrl !== undefined ? input.onlineUrl || null : current?.onlineUrl) ?? null;
    const capacity = (input.capacity !== undefined ? input.capacity : current?.capacity) ?? null;
    const rsvpDeadline = (input.rsvpDeadline !== undefined ? input.rsvpDeadline : current?.rsvpDeadline) ?? null;
    if (!title) throw badInput('title', 'Title is required.');
    if (!kind) throw badInput('kind', 'Kind is required.');
    if (!startsAt) throw badInput('startsAt', 'Start is required.');
    if (!endsAt) throw badInput('endsAt', 'End is required.');
    if (!timeZone) throw badInput('timeZone', 'Time zone is required.');
    if (endsAt <= startsAt) throw badInput('endsAt', 'The end must be after the start.');
    if (endsAt.getTime() - startsAt.getTime() > 14 * 86_400_000) throw badInput('endsAt', 'An event can last at most 14 days.');
    const startChanged = !current || startsAt.getTime() !== current.startsAt.getTime();
    if (startChanged && startsAt <= new Date()) throw badInput('startsAt', 'The start must be in the future.');
    if (rsvpDeadline && rsvpDeadline > startsAt) throw badInput('rsvpDeadline', 'The RSVP deadline must be before the start.');
    if (!address && !onlineUrl) throw badInput('address', 'Give an address, an online link, or both.');
    if (kind === 'ONLINE' && !onlineUrl) throw badInput('onlineUrl', 'An online event needs a link.');
    return {
      title,
      kind,
      startsAt,
      endsAt,
      timeZone,
      description,
      descriptionHtml: renderMarkdown(description),
      address,
      onlineUrl,
      capacity,
      rsvpDeadline,
    };
  }

  /** While a seat is free and someone waits, the first in line takes it and is told. */
  private async promoteWhileSeats(manager: EntityManager, event: EventEntity): Promise<void> {
    for (;;) {
      const [current]: { going_count: number; capacity: number | null }[] = await manager.query(
        `SELECT going_count, capacity FROM events WHERE id = $1`,
        [event.id],
      );
      if (current.capacity !== null && current.going_count >= current.capacity) return;
      const next = await manager
        .createQueryBuilder(RsvpEntity, 'r')
        .setLock('pessimistic_write')
        .where('r.event_id = :id AND r.waitlisted', { id: event.id })
        .orderBy('r.waitlist_seq', 'ASC')
        .limit(1)
        .getOne();
      if (!next) return;
      const seq = next.waitlistSeq ?? '0';
      await manager.update(RsvpEntity, { eventId: next.eventId, userId: next.userId }, { waitlisted: false, waitlistSeq: null });
      await manager.query(
        `UPDATE events SET going_count = going_count + 1, waitlist_count = waitlist_count - 1 WHERE id = $1`,
        [event.id],
      );
      await this.outbox.enqueue(manager, NOTIFY_WAITLIST_PROMOTED, { eventId: event.id, userId: next.userId, seq });
    }
  }

  /** One delayed job per offset with a deterministic id: writing it again moves it; past offsets are withdrawn. */
  private async scheduleReminders(manager: EntityManager, event: EventEntity): Promise<void> {
    for (const minutes of this.config.eventReminderMinutes) {
      const jobId = reminderJobId(event.id, minutes);
      const delayMs = event.startsAt.getTime() - minutes * 60_000 - Date.now();
      if (delayMs > 0 && !event.cancelledAt) {
        await this.outbox.enqueue(
          manager,
          EVENT_REMINDER,
          { eventId: event.id, minutesBefore: minutes, startsAt: event.startsAt.toISOString() },
          { delayMs, jobId },
        );
      } else {
        await this.outbox.cancel(manager, EVENT_REMINDER, jobId);
      }
    }
  }
}
