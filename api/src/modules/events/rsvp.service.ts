import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RsvpStatus } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { inTransaction } from '../../database/transaction';
import { forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { OutboxService } from '../../queue/outbox.service';
import { EventEntity } from './entities/event.entity';
import { RsvpEntity } from './entities/rsvp.entity';
import { visibleEvents } from './event-rules';
import { NOTIFY_WAITLIST_PROMOTED } from './jobs/events.jobs';
import { rsvpOpen } from './models/event.model';

/** Answering an event, and the seats and waitlist that follow from the answers. */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

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
        .andWhere(visibleEvents(viewer), { viewerId: viewer.id })
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

  /** While a seat is free and someone waits, the first in line takes it and is told. */
  async promoteWhileSeats(manager: EntityManager, event: EventEntity): Promise<void> {
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
}
