import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { JobRegistry } from '../../../queue/job-registry';
import { SweepRegistry } from '../../../queue/sweeper.service';
import { NotificationWriter } from '../../notifications/notification-writer';
import { EVENT_REMINDER, NOTIFY_EVENT_CANCELLED, NOTIFY_EVENT_CHANGED, NOTIFY_WAITLIST_PROMOTED } from './events.jobs';

function inWords(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '24 hours' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Events' notifications. Each handler re-reads the event and the RSVPs when it runs, so a
 * reminder for a moved or cancelled event, or for a member who is no longer going, sends nothing.
 */
@Injectable()
export class EventsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly sweeps: SweepRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.registry.register(EVENT_REMINDER, async (p) => void (await this.reminder(p.eventId, p.minutesBefore, p.startsAt)));
    this.registry.register(NOTIFY_WAITLIST_PROMOTED, (p) => this.promoted(p.eventId, p.userId, p.seq));
    this.registry.register(NOTIFY_EVENT_CHANGED, (p) => this.changed(p.eventId, p.version));
    this.registry.register(NOTIFY_EVENT_CANCELLED, (p) => this.cancelled(p.eventId));
    this.sweeps.register('event-reminders', () => this.remindDue());
  }

  /**
   * Every reminder that is due and not dealt with (event_reminders), whatever became of its delayed
   * job. When several are due for one event (Redis was away a long while), only the nearest is
   * sent and the others are passed over; one later than half its lead ("starts in 1 hour" with
   * under half an hour to go) is not sent at all.
   */
  async remindDue(): Promise<number> {
    const minutes = this.config.eventReminderMinutes;
    if (minutes.length === 0) return 0;
    const due: { event_id: string; starts_at: Date; minutes: number[] }[] = await this.dataSource.query(
      `SELECT e.id AS event_id, e.starts_at, array_agg(m.minutes ORDER BY m.minutes) AS minutes
         FROM events e CROSS JOIN unnest($1::int[]) AS m(minutes)
        WHERE e.status = 'VISIBLE' AND e.cancelled_at IS NULL
          AND e.starts_at > now() AND e.starts_at <= now() + make_interval(mins => $2)
          AND e.starts_at - make_interval(mins => m.minutes) <= now()
          AND now() - (e.starts_at - make_interval(mins => m.minutes)) <= make_interval(mins => m.minutes) / 2
          AND NOT EXISTS (SELECT 1 FROM event_reminders r
                           WHERE r.event_id = e.id AND r.minutes_before = m.minutes AND r.starts_at = e.starts_at)
        GROUP BY e.id, e.starts_at
        ORDER BY e.starts_at
        LIMIT 200`,
      [minutes, Math.max(...minutes)],
    );
    for (const event of due) {
      const [nearest, ...passedOver] = event.minutes;
      await this.reminder(event.event_id, nearest, event.starts_at.toISOString(), passedOver);
    }
    return due.length;
  }

  /**
   * Returns how many members were reminded (0 when the job is stale). The reminder is recorded as
   * dealt with in the same transaction (with any `passedOver` ones), so the sweep never repeats it.
   */
  async reminder(eventId: string, minutesBefore: number, startsAt: string, passedOver: number[] = []): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.notifications.fanOut(manager, {
        type: 'EVENT_REMINDER',
        sourceKey: `reminder:${eventId}:${minutesBefore}:${startsAt}`,
        recipients: `
          SELECT r.user_id, e.title || ' starts in ' || $2 AS title, 'You said you are going.' AS body, '/events/' || e.id AS url
            FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status = 'GOING' AND NOT r.waitlisted
           WHERE e.id = $1 AND e.cancelled_at IS NULL AND e.status = 'VISIBLE' AND date_trunc('milliseconds', e.starts_at) = $3::timestamptz`,
        params: [eventId, inWords(minutesBefore), startsAt],
      });
      await manager.query(
        `INSERT INTO event_reminders (event_id, minutes_before, starts_at)
         SELECT $1, m, $3::timestamptz FROM unnest($2::int[]) AS m ON CONFLICT DO NOTHING`,
        [eventId, [minutesBefore, ...passedOver], startsAt],
      );
      return rows.length;
    });
  }

  async promoted(eventId: string, userId: string, seq: string): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: 'WAITLIST_PROMOTED',
      sourceKey: `promoted:${eventId}:${seq}`,
      recipients: `
        SELECT r.user_id, 'A seat opened up: you are going to ' || e.title AS title,
               'You were next on the waitlist.' AS body, '/events/' || e.id AS url
          FROM rsvps r JOIN events e ON e.id = r.event_id
         WHERE r.event_id = $1 AND r.user_id = $2 AND r.status = 'GOING' AND NOT r.waitlisted AND e.cancelled_at IS NULL`,
      params: [eventId, userId],
    });
  }

  /** Members going, waitlisted or maybe hear that the time or place changed (once the event is approved). */
  async changed(eventId: string, version: string): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: 'EVENT_CHANGED',
      sourceKey: `changed:${eventId}:${version}`,
      recipients: `
        SELECT r.user_id, e.title || ': the time or place changed' AS title, 'Check the new details.' AS body, '/events/' || e.id AS url
          FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status IN ('GOING', 'MAYBE')
         WHERE e.id = $1 AND e.cancelled_at IS NULL AND e.status = 'VISIBLE' AND r.user_id <> e.organizer_id`,
      params: [eventId],
    });
  }

  async cancelled(eventId: string): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: 'EVENT_CANCELLED',
      sourceKey: `cancelled:${eventId}`,
      recipients: `
        SELECT r.user_id, e.title || ' was cancelled' AS title, left(coalesce(e.cancel_reason, ''), 300) AS body, '/events/' || e.id AS url
          FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status IN ('GOING', 'MAYBE')
         WHERE e.id = $1 AND e.cancelled_at IS NOT NULL AND r.user_id <> e.organizer_id`,
      params: [eventId],
    });
  }
}
