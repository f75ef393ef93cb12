import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRegistry } from '../../../queue/job-registry';
import { EVENT_REMINDER, NOTIFY_EVENT_CANCELLED, NOTIFY_EVENT_CHANGED, NOTIFY_WAITLIST_PROMOTED } from './events.jobs';

function inWords(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '24 hours' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/**
 * Events' notifications. Each handler re-reads the event and the RSVPs when it runs, so a
 * reminder for a moved or cancelled event, or for a member who is no longer going, sends nothing.
 */
@Injectable()
export class EventsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(EVENT_REMINDER, async (p) => void (await this.reminder(p.eventId, p.minutesBefore, p.startsAt)));
    this.registry.register(NOTIFY_WAITLIST_PROMOTED, (p) => this.promoted(p.eventId, p.userId, p.seq));
    this.registry.register(NOTIFY_EVENT_CHANGED, (p) => this.changed(p.eventId, p.version));
    this.registry.register(NOTIFY_EVENT_CANCELLED, (p) => this.cancelled(p.eventId));
  }

  /** Returns how many members were reminded (0 when the job is stale). */
  async reminder(eventId: string, minutesBefore: number, startsAt: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO notifications (user_id, type, source_key, title, body, url)
         SELECT r.user_id, 'EVENT_REMINDER', $2, e.title || ' starts in ' || $3, 'You said you are going.', '/events/' || e.id
           FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status = 'GOING' AND NOT r.waitlisted
          WHERE e.id = $1 AND e.cancelled_at IS NULL AND e.status = 'VISIBLE' AND e.starts_at = $4::timestamptz
         ON CONFLICT (user_id, source_key) DO NOTHING RETURNING 1`,
      [eventId, `reminder:${eventId}:${minutesBefore}:${startsAt}`, inWords(minutesBefore), startsAt],
    );
    return rows.length;
  }

  async promoted(eventId: string, userId: string, seq: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT r.user_id, 'WAITLIST_PROMOTED', $3, 'A seat opened up: you are going to ' || e.title,
              'You were next on the waitlist.', '/events/' || e.id
         FROM rsvps r JOIN events e ON e.id = r.event_id
        WHERE r.event_id = $1 AND r.user_id = $2 AND r.status = 'GOING' AND NOT r.waitlisted AND e.cancelled_at IS NULL
       ON CONFLICT (user_id, source_key) DO NOTHING`,
      [eventId, userId, `promoted:${eventId}:${seq}`],
    );
  }

  /** Members going, waitlisted or maybe hear that the time or place changed (once the event is approved). */
  async changed(eventId: string, version: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT r.user_id, 'EVENT_CHANGED', $2, e.title || ': the time or place changed', 'Check the new details.', '/events/' || e.id
         FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status IN ('GOING', 'MAYBE')
        WHERE e.id = $1 AND e.cancelled_at IS NULL AND e.status = 'VISIBLE' AND r.user_id <> e.organizer_id
       ON CONFLICT (user_id, source_key) DO NOTHING`,
      [eventId, `changed:${eventId}:${version}`],
    );
  }

  async cancelled(eventId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT r.user_id, 'EVENT_CANCELLED', $2, e.title || ' was cancelled', left(coalesce(e.cancel_reason, ''), 300), '/events/' || e.id
         FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status IN ('GOING', 'MAYBE')
        WHERE e.id = $1 AND e.cancelled_at IS NOT NULL AND r.user_id <> e.organizer_id
       ON CONFLICT (user_id, source_key) DO NOTHING`,
      [eventId, `cancelled:${eventId}`],
    );
  }
}
