/**
 * Wording and time arithmetic for the Events pages. Pure functions: the same answer on the server
 * and in the browser (all times go through Intl.DateTimeFormat with an explicit time zone).
 */
import type { EventKind, RsvpStatus } from '@kinship/graphql';
import { isoToZoned, zonedToIso } from '$lib/datetime';

export const EVENT_KINDS: readonly EventKind[] = [
  'OUTDOORS',
  'FITNESS',
  'SOCIAL',
  'WORKSHOP',
  'MEETING',
  'ONLINE',
  'OTHER',
];

export const EVENT_KIND_NAMES: Record<EventKind, string> = {
  OUTDOORS: 'Outdoors',
  FITNESS: 'Fitness',
  SOCIAL: 'Social',
  WORKSHOP: 'Workshop',
  MEETING: 'Meeting',
  ONLINE: 'Online',
  OTHER: 'Other',
};

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

export const RSVP_CHOICES: readonly { status: RsvpStatus; label: string }[] = [
  { status: 'GOING', label: 'Going' },
  { status: 'MAYBE', label: 'Maybe' },
  { status: 'NOT_GOING', label: 'Not going' },
];

export function isRsvpStatus(value: unknown): value is RsvpStatus {
  return value === 'GOING' || value === 'MAYBE' || value === 'NOT_GOING';
}

/** A zone Intl knows, else null. */
export function knownZone(timeZone: string | null | undefined): string | null {
  if (!timeZone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return null;
  }
}

function parts(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, ...options })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
}

/** "Sat 7 Dec" (with the year when it is not this year's), in `timeZone`. */
export function formatEventDay(iso: string, timeZone: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const p = parts(date, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const thisYear = parts(now, timeZone, { year: 'numeric' }).year;
  return `${p.weekday} ${p.day} ${p.month}${p.year === thisYear ? '' : ` ${p.year}`}`;
}

/** "9:00 AM" in `timeZone`. */
export function formatClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Sat 7 Dec, 9:00 AM – 11:00 AM", or across days "Sat 7 Dec, 9:00 AM – Sun 8 Dec, 1:00 PM". */
export function formatEventRange(
  startsAt: string,
  endsAt: string | null,
  timeZone: string,
  now: Date = new Date(),
): string {
  const start = `${formatEventDay(startsAt, timeZone, now)}, ${formatClock(startsAt, timeZone)}`;
  if (!endsAt) return start;
  const sameDay = isoToZoned(startsAt, timeZone).slice(0, 10) === isoToZoned(endsAt, timeZone).slice(0, 10);
  const end = sameDay
    ? formatClock(endsAt, timeZone)
    : `${formatEventDay(endsAt, timeZone, now)}, ${formatClock(endsAt, timeZone)}`;
  return `${start} – ${end}`;
}

export interface EventWhen {
  /** In the viewer's zone: "Sat 7 Dec, 9:00 AM – 11:00 AM (your time)". */
  text: string;
  /** The start where the event happens, when that zone differs: "8:00 AM in America/Denver". */
  elsewhere: string | null;
  /** The two together, for one line: "… (your time) · 8:00 AM in America/Denver". */
  line: string;
}

/**
 * When an event happens, in the viewer's own zone (falling back to the event's), naming the
 * event's zone when it differs. Two zones with the same clock reading right then count as the same.
 */
export function eventWhen(
  event: { startsAt: string; endsAt?: string | null; timeZone: string },
  viewerZone: string | null | undefined,
  now: Date = new Date(),
): EventWhen {
  const eventZone = knownZone(event.timeZone) ?? 'UTC';
  const mine = knownZone(viewerZone) ?? eventZone;
  const differs =
    mine !== eventZone && isoToZoned(event.startsAt, mine) !== isoToZoned(event.startsAt, eventZone);
  const range = formatEventRange(event.startsAt, event.endsAt ?? null, mine, now);
  if (!differs) return { text: range, elsewhere: null, line: range };
  const theirDay = formatEventDay(event.startsAt, eventZone, now);
  const sameDay = theirDay === formatEventDay(event.startsAt, mine, now);
  const elsewhere = `${sameDay ? '' : `${theirDay}, `}${formatClock(event.startsAt, eventZone)} in ${eventZone}`;
  const text = `${range} (your time)`;
  return { text, elsewhere, line: `${text} · ${elsewhere}` };
}

/** "3 of 10 going · 2 waitlisted", "4 going", "No one going yet". */
export function seatsText(event: {
  goingCount: number;
  capacity: number | null;
  waitlistCount: number;
}): string {
  const going =
    event.capacity !== null
      ? `${event.goingCount} of ${event.capacity} going`
      : event.goingCount === 0
        ? 'No one going yet'
        : `${event.goingCount} going`;
  return event.waitlistCount > 0 ? `${going} · ${event.waitlistCount} waitlisted` : going;
}

/** The viewer's own answer in words, or null when they have not answered. */
export function rsvpStatusText(
  rsvp: { status: RsvpStatus; waitlisted: boolean; waitlistPosition: number | null } | null | undefined,
): string | null {
  if (!rsvp) return null;
  if (rsvp.status === 'GOING') {
    if (rsvp.waitlisted) {
      return rsvp.waitlistPosition
        ? `You're on the waitlist: number ${rsvp.waitlistPosition}`
        : "You're on the waitlist";
    }
    return "You're going";
  }
  if (rsvp.status === 'MAYBE') return 'You said maybe';
  return "You're not going";
}

export type EventRange = 'week' | 'month';

export function isEventRange(value: unknown): value is EventRange {
  return value === 'week' || value === 'month';
}

/**
 * The `to` bound for "This week" (until the end of Sunday) or "This month" (until the end of the
 * month), in the viewer's zone, as an ISO instant.
 */
export function rangeEnd(range: EventRange, now: Date, timeZone: string | null | undefined): string {
  const zone = knownZone(timeZone) ?? 'UTC';
  const today = isoToZoned(now, zone).slice(0, 10);
  const [y, m, d] = today.split('-').map(Number);
  let end: Date;
  if (range === 'week') {
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday … 6 Saturday
    const daysToMonday = weekday === 0 ? 1 : 8 - weekday;
    end = new Date(Date.UTC(y, m - 1, d + daysToMonday));
  } else {
    end = new Date(Date.UTC(y, m, 1));
  }
  const local = `${end.toISOString().slice(0, 10)}T00:00`;
  return zonedToIso(local, zone) ?? end.toISOString();
}

/** Every IANA zone this runtime knows (server-side), with UTC, sorted. */
export function timeZoneList(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return [...new Set([...zones, 'UTC'])].sort();
}
