import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@kinship/shared';
import type { ContentStatus } from '@kinship/shared';
import { inTransaction } from '../../database/transaction';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { ModerationLogService } from '../screening/moderation-log.service';
import { ScreeningService } from '../screening/screening.service';
import { CreateEventInput, EventScope, UpdateEventInput } from './dto/event.inputs';
import { EventEntity } from './entities/event.entity';
import { EventListingService } from './event-listing.service';
import { EventRemindersService } from './event-reminders.service';
import { assertMayEdit, TIME_OR_PLACE, validatedEvent } from './event-rules';
import { NOTIFY_EVENT_CANCELLED, NOTIFY_EVENT_CHANGED } from './jobs/events.jobs';
import { RsvpService } from './rsvp.service';
import { seriesStarts } from './series';

/** Organising events: one or a recurring series, edited, cancelled, or published by a moderator. */
@Injectable()
export class EventSeriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly screening: ScreeningService,
    private readonly moderationLog: ModerationLogService,
    private readonly listing: EventListingService,
    private readonly rsvps: RsvpService,
    private readonly reminders: EventRemindersService,
  ) {}

  /**
   * Staff publish at once; a member's proposal waits for a moderator (a PREMODERATION case). A
   * recurring series creates every occurrence now (up to 12), each with its own RSVPs.
   */
  async create(input: CreateEventInput, viewer: Viewer): Promise<EventEntity[]> {
    const fields = validatedEvent(input, null);
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
        if (staff) await this.reminders.schedule(manager, event);
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
    const found = await this.listing.find(id, viewer);
    if (!found) throw notFound('That event');
    assertMayEdit(found, viewer);
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
      const changed = validatedEvent(input, event);
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
        await this.rsvps.promoteWhileSeats(manager, saved);
        if (backToReview) {
          await this.screening.openCase(manager, 'PREMODERATION', 'NORMAL', { type: 'EVENT', id: saved.id, authorId: saved.organizerId });
        } else if (timeOrPlace && saved.status === 'VISIBLE') {
          await this.reminders.schedule(manager, saved);
          await this.outbox.enqueue(manager, NOTIFY_EVENT_CHANGED, { eventId: saved.id, version: saved.updatedAt.toISOString() });
        }
      }
      return manager.findOneByOrFail(EventEntity, { id: event.id });
    });
  }

  /** Organiser or moderator, with a reason the members are told; reminders are withdrawn. */
  async cancel(id: string, reason: string, viewer: Viewer): Promise<EventEntity> {
    const event = await this.listing.find(id, viewer);
    if (!event) throw notFound('That event');
    assertMayEdit(event, viewer);
    if (!reason.trim()) throw badInput('reason', 'Please give a reason: members who planned to come will be told it.');
    if (event.cancelledAt) throw conflict('This event is already cancelled.');
    return inTransaction(this.dataSource, async (manager) => {
      await manager.update(EventEntity, { id: event.id }, { cancelledAt: new Date(), cancelReason: reason.trim().slice(0, 500) });
      await this.reminders.withdraw(manager, event.id);
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
    await this.reminders.schedule(manager, { ...event, status });
    // An edit that moved the time or place waited for this approval to be announced.
    if (approved?.changed) {
      await this.outbox.enqueue(manager, NOTIFY_EVENT_CHANGED, { eventId: event.id, version: approved.updatedAt.toISOString() });
    }
  }
}
