/**
 * The event form (new and edit) read into the api's input. Start, end and RSVP deadline arrive as
 * `datetime-local` wall times and are read in the time zone chosen in the same form.
 */
import type { EventKind, EventScope } from '@kinship/graphql';
import { isoToZoned, zonedToIso } from '$lib/datetime';
import { isEventKind, knownZone } from '$lib/events';

export const EVENT_FIELDS = [
  'title',
  'description',
  'kind',
  'startsAt',
  'endsAt',
  'timeZone',
  'address',
  'onlineUrl',
  'capacity',
  'rsvpDeadline',
  'repeat',
  'repeatCount',
  'scope',
] as const;

export type EventFormValues = Record<(typeof EVENT_FIELDS)[number], string>;

export const EVENT_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  kind: 'Kind of event',
  startsAt: 'Starts',
  endsAt: 'Ends',
  timeZone: 'Time zone',
  address: 'Address (optional)',
  onlineUrl: 'Online link (optional)',
  capacity: 'Seats (optional)',
  rsvpDeadline: 'RSVP deadline (optional)',
  repeatCount: 'How many times in all',
  scope: 'Which events to change',
};

export interface EventInputFields {
  title: string;
  description: string;
  kind: EventKind | undefined;
  startsAt: string | undefined;
  endsAt: string | undefined;
  timeZone: string;
  address: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  rsvpDeadline: string | null;
}

export interface ParsedEventForm {
  fields: EventInputFields;
  recurrence: { frequency: 'WEEKLY' | 'MONTHLY'; count: number } | null;
  scope: EventScope;
  /** Problems the web can see before asking the api, keyed by form field name. */
  errors: Record<string, string>;
}

/** Reads the typed values; wall times become instants in the chosen zone. */
export function parseEventForm(values: EventFormValues): ParsedEventForm {
  const errors: Record<string, string> = {};
  const zone = knownZone(values.timeZone.trim());
  if (!zone) errors.timeZone = 'Choose a time zone from the list.';
  const instant = (name: 'startsAt' | 'endsAt' | 'rsvpDeadline', required: boolean): string | undefined => {
    const raw = values[name].trim();
    if (!raw) {
      if (required) errors[name] = `Enter the ${name === 'startsAt' ? 'start' : 'end'} date and time.`;
      return undefined;
    }
    const iso = zonedToIso(raw, zone ?? 'UTC');
    if (!iso) errors[name] = 'Enter a date and time, such as 2026-03-04 18:00.';
    return iso ?? undefined;
  };
  const startsAt = instant('startsAt', true);
  const endsAt = instant('endsAt', true);
  const rsvpDeadline = instant('rsvpDeadline', false);

  let capacity: number | null = null;
  const seats = values.capacity.trim();
  if (seats) {
    if (/^\d{1,6}$/.test(seats) && Number(seats) >= 1) capacity = Number(seats);
    else errors.capacity = 'Enter a whole number of seats (1 or more), or leave it empty for no limit.';
  }

  let recurrence: ParsedEventForm['recurrence'] = null;
  if (values.repeat === 'WEEKLY' || values.repeat === 'MONTHLY') {
    const count = values.repeatCount.trim();
    if (/^\d{1,3}$/.test(count)) recurrence = { frequency: values.repeat, count: Number(count) };
    else errors.repeatCount = 'Enter how many times the event happens in all, from 2 to 12.';
  }

  const kind = values.kind.trim();
  return {
    fields: {
      title: values.title.trim(),
      description: values.description,
      kind: isEventKind(kind) ? kind : undefined,
      startsAt,
      endsAt,
      timeZone: zone ?? values.timeZone.trim(),
      address: values.address.trim() || null,
      onlineUrl: values.onlineUrl.trim() || null,
      capacity,
      rsvpDeadline: rsvpDeadline ?? null,
    },
    recurrence,
    scope: values.scope === 'ALL_FUTURE' ? 'ALL_FUTURE' : 'THIS',
    errors,
  };
}

/** The api names some inputs differently from the form's fields. */
export function formFieldFor(apiField: string): string {
  if (apiField === 'recurrence.count' || apiField === 'recurrence') return 'repeatCount';
  if (apiField === 'recurrence.frequency') return 'repeat';
  return apiField;
}

/** An event's stored values as the edit form shows them (wall times in the event's zone). */
export function eventFormValues(event: {
  title: string;
  description: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  address: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  rsvpDeadline: string | null;
}): EventFormValues {
  return {
    title: event.title,
    description: event.description,
    kind: event.kind,
    startsAt: isoToZoned(event.startsAt, event.timeZone),
    endsAt: isoToZoned(event.endsAt, event.timeZone),
    timeZone: event.timeZone,
    address: event.address ?? '',
    onlineUrl: event.onlineUrl ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    rsvpDeadline: event.rsvpDeadline ? isoToZoned(event.rsvpDeadline, event.timeZone) : '',
    repeat: '',
    repeatCount: '',
    scope: 'THIS',
  };
}
