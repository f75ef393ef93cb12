import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { eventLookups } from '../../../test/event-lookups';
import { inHours, RSVP, UPDATE } from './events.test-ops';

/** Going to an event: RSVPs, capacity and the waitlist, who sees the place, and calendar files and feeds. */
describe('events', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ worker: true, moderators: 1 }));
  });
  afterAll(() => t?.stop());

  const { create, eventAs } = eventLookups(() => t);

  describe('RSVP, capacity and waitlist', () => {
    it('fills seats, waitlists in order, promotes the first in line when a seat frees, and notifies once', async () => {
      const event = await create(moderator, { capacity: 2 });
      const people = await Promise.all([1, 2, 3, 4].map(() => createMember(t, admin)));
      const answers = [];
      for (const who of people) answers.push((await t.ok<{ rsvp: any }>(RSVP, { id: event.id, status: 'GOING' }, who.token)).rsvp);
      expect(answers).toEqual([
        { status: 'GOING', waitlisted: false, waitlistPosition: null },
        { status: 'GOING', waitlisted: false, waitlistPosition: null },
        { status: 'GOING', waitlisted: true, waitlistPosition: 1 },
        { status: 'GOING', waitlisted: true, waitlistPosition: 2 },
      ]);
      // Asking again changes nothing.
      expect((await t.ok<{ rsvp: any }>(RSVP, { id: event.id, status: 'GOING' }, people[3].token)).rsvp.waitlistPosition).toBe(2);
      await t.ok(RSVP, { id: event.id, status: 'NOT_GOING' }, people[0].token);
      const promoted = await eventAs(people[2], event.id);
      expect(promoted).toMatchObject({ goingCount: 2, waitlistCount: 1, viewerRsvp: { waitlisted: false } });
      expect((await eventAs(people[3], event.id)).viewerRsvp.waitlistPosition).toBe(1);
      const promotedNotices = () =>
        t.dataSource.query(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'WAITLIST_PROMOTED'`, [people[2].id]);
      await eventually(async () => ((await promotedNotices()).length > 0 ? true : undefined));
      await t.settled();
      expect(await promotedNotices()).toHaveLength(1);
      // More seats promote the rest.
      await t.ok(UPDATE, { id: event.id, input: { capacity: 5 } }, moderator.token);
      expect(await eventAs(people[3], event.id)).toMatchObject({ goingCount: 3, waitlistCount: 0, viewerRsvp: { waitlisted: false } });
    });

    it('shows the address and link only to members going, the organiser and moderators; attendees by name', async () => {
      const event = await create(moderator, { onlineUrl: 'https://meet.example.org/room' });
      const [going, maybe, stranger] = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, going.token);
      await t.ok(RSVP, { id: event.id, status: 'MAYBE' }, maybe.token);
      for (const who of [maybe, stranger]) {
        expect(await eventAs(who, event.id)).toMatchObject({ address: null, onlineUrl: null, inPerson: true });
      }
      expect(await eventAs(going, event.id)).toMatchObject({ address: 'Bluff Trail parking lot, 100 Park Rd', onlineUrl: 'https://meet.example.org/room' });
      expect((await eventAs(stranger, event.id)).attendees).toEqual([{ displayName: going.displayName }]);
    });

    it('closes at the deadline, and refuses bad input', async () => {
      const event = await create(moderator, { rsvpDeadline: inHours(1) });
      const [member] = [await createMember(t, admin)];
      expect(errorOf(await t.gql(RSVP, { id: event.id, status: 'SOMETIMES' }, member.token)).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await t.gql(RSVP, { id: '00000000-0000-4000-8000-000000000000', status: 'GOING' }, member.token)).code).toBe('NOT_FOUND');
      await t.dataSource.query(`UPDATE events SET rsvp_deadline = now() - interval '1 minute' WHERE id = $1`, [event.id]);
      expect(errorOf(await t.gql(RSVP, { id: event.id, status: 'GOING' }, member.token)).message).toMatch(/closed/);
    });
  });

  describe('calendars', () => {
    it('GET /events/<id>.ics parses and shows the place only to someone going', async () => {
      const event = await create(moderator);
      const [going, stranger] = [await createMember(t, admin), await createMember(t, admin)];
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, going.token);
      const fetchIcs = (who?: Member) => {
        const req = t.http().get(`/events/${event.id}.ics`);
        return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
      };
      expect((await fetchIcs()).status).toBe(401);
      const parse = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
      const mine = await fetchIcs(going);
      expect(mine.headers['content-type']).toMatch(/text\/calendar/);
      const vevent = parse(mine.text);
      expect(vevent.getFirstPropertyValue('summary')).toBe('Saturday hike at Bluff Trail');
      expect(vevent.getFirstPropertyValue('location')).toBe('Bluff Trail parking lot, 100 Park Rd');
      // iCalendar times have whole seconds.
      const start = (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime();
      expect(start).toBe(Math.floor(new Date(event.startsAt).getTime() / 1000) * 1000);
      expect(parse((await fetchIcs(stranger)).text).getFirstPropertyValue('location')).toBeNull();
      expect((await t.http().get(`/events/00000000-0000-4000-8000-000000000000.ics`).set('Authorization', `Bearer ${going.token}`)).status).toBe(404);
    });

    it("a member's private feed lists their going events; resetting the link retires the old one", async () => {
      const event = await create(moderator);
      const member = await createMember(t, admin);
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, member.token);
      const { resetCalendarLink } = await t.ok<{ resetCalendarLink: { url: string } }>(`mutation { resetCalendarLink { url } }`, {}, member.token);
      const feed = await t.http().get(resetCalendarLink.url);
      expect(feed.status).toBe(200);
      const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
      expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`${event.id}@kinship`]);
      const second = await t.ok<{ resetCalendarLink: { url: string } }>(`mutation { resetCalendarLink { url } }`, {}, member.token);
      expect((await t.http().get(resetCalendarLink.url)).status).toBe(404);
      expect((await t.http().get(second.resetCalendarLink.url)).status).toBe(200);
      expect((await t.http().get('/calendar/nonsense.ics')).status).toBe(404);
    });
  });
});
