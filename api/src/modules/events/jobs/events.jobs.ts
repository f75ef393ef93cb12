import { defineJob } from '../../../queue/jobs';

/** Delayed, one per occurrence and offset (job id `event-reminder-<eventId>-<minutes>`). */
export const EVENT_REMINDER = defineJob<{ eventId: string; minutesBefore: number; startsAt: string }>(
  'notifications',
  'events.reminder',
);

/** A waitlisted member got a seat. */
export const NOTIFY_WAITLIST_PROMOTED = defineJob<{ eventId: string; userId: string; seq: string }>(
  'notifications',
  'events.waitlist-promoted',
);

/** Time or place changed (`version` is the event's updated_at, so each change notifies once). */
export const NOTIFY_EVENT_CHANGED = defineJob<{ eventId: string; version: string }>('notifications', 'events.changed');

export const NOTIFY_EVENT_CANCELLED = defineJob<{ eventId: string }>('notifications', 'events.cancelled');

export function reminderJobId(eventId: string, minutesBefore: number): string {
  return `event-reminder-${eventId}-${minutesBefore}`;
}
