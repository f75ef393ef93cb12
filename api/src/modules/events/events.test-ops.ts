/** The GraphQL operations and the event input the events integration specs share (no harness, no Nest). */

export const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id seriesId status title startsAt endsAt capacity address onlineUrl goingCount } }`;
export const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title startsAt address } }`;
export const CANCEL = `mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { id cancelled cancelReason rsvpOpen } }`;
export const RSVP = `mutation($id: ID!, $status: RsvpStatus!) { rsvp(eventId: $id, status: $status) { status waitlisted waitlistPosition } }`;
export const EVENT = `query($id: ID!) { event(id: $id) { id title status address onlineUrl goingCount waitlistCount cancelled inPerson attendees { displayName } viewerRsvp { status waitlisted waitlistPosition } organizer { id } } }`;
export const EVENTS = `query($kind: EventKind, $mine: Boolean) { events(kind: $kind, mine: $mine, first: 100) { edges { node { id title startsAt } } } }`;

export const HOUR = 3600_000;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** A valid CreateEventInput three days ahead, with `extra` fields replacing its own. */
export function input(extra: Record<string, unknown> = {}) {
  return {
    title: 'Saturday hike at Bluff Trail',
    description: 'Easy pace, **bring water**.',
    kind: 'OUTDOORS',
    startsAt: inHours(72),
    endsAt: inHours(75),
    timeZone: 'America/Chicago',
    address: 'Bluff Trail parking lot, 100 Park Rd',
    ...extra,
  };
}
