import ical, { ICalEventStatus } from 'ical-generator';
import { EventEntity } from './entities/event.entity';

/**
 * RFC 5545 calendars. Times are written in UTC (no VTIMEZONE needed); the event's own zone is
 * named in the description. The address and link are included only when `locate(event)` allows.
 */
export function calendarFor(
  name: string,
  events: EventEntity[],
  locate: (event: EventEntity) => boolean,
  webOrigin: string,
): string {
  const calendar = ical({ name, prodId: { company: 'Kinship', product: 'Kinship events', language: 'EN' } });
  for (const event of events) {
    const located = locate(event);
    const lines = [
      event.cancelledAt ? `Cancelled: ${event.cancelReason ?? ''}` : null,
      `Time zone: ${event.timeZone}`,
      located && event.onlineUrl ? `Join online: ${event.onlineUrl}` : null,
      event.description || null,
    ].filter(Boolean);
    calendar.createEvent({
      id: `${event.id}@kinship`,
      start: event.startsAt,
      end: event.endsAt,
      summary: event.cancelledAt ? `Cancelled: ${event.title}` : event.title,
      description: lines.join('\n\n'),
      location: located ? (event.address ?? event.onlineUrl ?? null) : null,
      url: `${webOrigin}/events/${event.id}`,
      lastModified: event.updatedAt,
      // Same UID, higher SEQUENCE: calendar apps replace their copy (and mark it cancelled) instead of adding one.
      sequence: event.sequence,
      status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
