import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/**
 * A subscribed calendar matches events by UID and keeps the copy with the highest SEQUENCE: every
 * change a calendar shows must raise it, and a cancellation must say STATUS:CANCELLED, or calendar
 * apps keep the old time or show the event twice.
 */
describe('calendar updates', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;

  beforeAll(async () => {
    ({ t, admin, members: [member] } = await startCommunity({ members: 1 }));
  });
  afterAll(() => t?.stop());

  const vevent = async (feedUrl: string, id: string) => {
    const feed = await t.http().get(feedUrl);
    expect(feed.status).toBe(200);
    const found = new ICAL.Component(ICAL.parse(feed.text))
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `${id}@kinship`);
    return {
      sequence: Number(found!.getFirstPropertyValue('sequence')),
      status: found!.getFirstPropertyValue('status'),
      summary: found!.getFirstPropertyValue('summary'),
    };
  };

  it('raises SEQUENCE on every change a calendar shows, not on RSVPs, and marks a cancellation CANCELLED', async () => {
    const { createEvent } = await t.ok<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Board games night',
          description: 'Bring a game.',
          kind: 'SOCIAL',
          startsAt: inHours(48),
          endsAt: inHours(50),
          timeZone: 'America/Chicago',
          address: 'Community hall',
        },
      },
      admin.token,
    );
    const id = createEvent.id;
    await t.ok(`mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`, { id }, member.token);
    const { resetCalendarLink } = await t.ok<{ resetCalendarLink: { url: string } }>(
      `mutation { resetCalendarLink { url } }`,
      {},
      member.token,
    );
    const feed = resetCalendarLink.url;

    expect(await vevent(feed, id)).toEqual({
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Board games night',
    });

    const update = (input: Record<string, unknown>) =>
      t.ok(
        `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
        { id, input },
        admin.token,
      );
    await update({ startsAt: inHours(49), endsAt: inHours(51) });
    expect((await vevent(feed, id)).sequence).toBe(1);
    await update({ address: 'Library, room 2' });
    expect((await vevent(feed, id)).sequence).toBe(2);

    // Someone else going changes the counts, not the calendar entry.
    const other = await createMember(t, admin);
    await t.ok(`mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`, { id }, other.token);
    expect((await vevent(feed, id)).sequence).toBe(2);

    await t.ok(
      `mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { id } }`,
      { id, reason: 'The hall is closed.' },
      admin.token,
    );
    expect(await vevent(feed, id)).toEqual({
      sequence: 3,
      status: 'CANCELLED',
      summary: 'Cancelled: Board games night',
    });

    // The single-event download says the same.
    const single = await t.http().get(`/events/${id}.ics`).set('Authorization', `Bearer ${member.token}`);
    const one = new ICAL.Component(ICAL.parse(single.text)).getFirstSubcomponent('vevent')!;
    expect(one.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(one.getFirstPropertyValue('sequence'))).toBe(3);
  });
});
