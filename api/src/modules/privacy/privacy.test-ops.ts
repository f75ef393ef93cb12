import { randomBytes } from 'node:crypto';

/** The GraphQL operations and builders the privacy integration specs share (no harness, no Nest). */

export const EXPORT = `mutation { exportMyData }`;
export const DELETE = `mutation($password: String!, $keepPosts: Boolean!) { deleteMyAccount(password: $password, keepPosts: $keepPosts) }`;
export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
export const ME = `{ me { id displayName } }`;
export const THREAD = `query($id: ID!) { thread(id: $id) { title posts(first: 50) { edges { node { id body deleted author { id displayName } } } } } }`;
export const SEARCH = `query($q: String!) { search(query: $q) { edges { node { id } } } }`;
export const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
export const RSVP = `mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status waitlisted } }`;
export const EVENT = `query($id: ID!) { event(id: $id) { goingCount waitlistCount viewerRsvp { status waitlisted } } }`;

export const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
/** A string no other data holds, so a scan or an export can look for it. */
export const marker = (label: string) => `zq${randomBytes(4).toString('hex')}${label}`;

/** A valid CreateEventInput two days ahead, with `extra` fields replacing its own. */
export const eventInput = (extra: Record<string, unknown> = {}) => ({
  title: 'Sunday morning walk',
  description: 'Meet by the fountain.',
  kind: 'OUTDOORS',
  startsAt: inHours(48),
  endsAt: inHours(50),
  timeZone: 'America/Chicago',
  address: '1 Fountain Sq',
  ...extra,
});
