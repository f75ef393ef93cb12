import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createAdmin, createMember, Member } from '../../../test/factories';
import { EventsProcessor } from './jobs/events.processor';
import { QueueStore } from '../../queue/queue-store';

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id seriesId status title startsAt endsAt capacity address onlineUrl goingCount } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title startsAt address } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { id cancelled cancelReason rsvpOpen } }`;
const RSVP = `mutation($id: ID!, $status: RsvpStatus!) { rsvp(eventId: $id, status: $status) { status waitlisted waitlistPosition } }`;
const EVENT = `query($id: ID!) { event(id: $id) { id title status address onlineUrl goingCount waitlistCount cancelled inPerson attendees { displayName } viewerRsvp { status waitlisted waitlistPosition } organizer { id } } }`;
const EVENTS = `query($kind: EventKind, $mine: Boolean) { events(kind: $kind, mine: $mine, first: 100) { edges { node { id title startsAt } } } }`;

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

function input(extra: Record<string, unknown> = {}) {
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

describe('events', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;

  beforeAll(async () => {
    t = await TestHarness.start();
    await t.startWorker();
    admin = await createAdmin(t);
    moderator = await createMember(t, admin, 'MODERATOR');
  });
  afterAll(() => t?.stop());

  const create = async (who: Member, extra: Record<string, unknown> = {}) =>
    (await t.ok<{ createEvent: any }>(CREATE, { input: input(extra) }, who.token)).createEvent;
  const eventAs = async (who: Member, id: string) => (await t.ok<{ event: any }>(EVENT, { id }, who.token)).event;

  describe('creating, editing and cancelling', () => {
    it('need a session; bad input names the field', async () => {
      expect(errorOf(await t.gql(CREATE, { input: input() })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(EVENTS)).code).toBe('UNAUTHENTICATED');
      const cases: [Record<string, unknown>, string][] = [
        [{ endsAt: inHours(71) }, 'endsAt'],
        [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
        [{ capacity: 0 }, 'capacity'],
        [{ rsvpDeadline: inHours(73) }, 'rsvpDeadline'],
        [{ startsAt: inHours(-2), endsAt: inHours(-1) }, 'startsAt'],
        [{ title: 'x' }, 'title'],
        [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
        [{ address: null }, 'address'],
        [{ kind: 'ONLINE', address: null, onlineUrl: null }, 'address'],
        [{ kind: 'PARTY' }, 'kind'],
        [{ recurrence: { frequency: 'WEEKLY', count: 13 } }, 'recurrence.count'],
      ];
      for (const [extra, field] of cases) {
        const error = errorOf(await t.gql(CREATE, { input: input(extra) }, admin.token));
        expect(error.code, JSON.stringify(extra)).toBe('BAD_USER_INPUT');
        if (field !== 'kind') expect(error.field, JSON.stringify(extra)).toBe(field);
      }
    });

    it('schedules reminders for an event months ahead, and refuses moving a start into the past', async () => {
      const far = await create(moderator, { startsAt: inHours(24 * 60), endsAt: inHours(24 * 60 + 2) });
      expect(far.id).toBeTruthy();
      expect(errorOf(await t.gql(UPDATE, { id: far.id, input: { startsAt: inHours(-48), endsAt: inHours(-47) } }, moderator.token))).toMatchObject({
        field: 'startsAt',
      });
      expect((await t.ok<{ updateEvent: any }>(UPDATE, { id: far.id, input: { title: 'Still fine to edit' } }, moderator.token)).updateEvent.title).toBe(
        'Still fine to edit',
      );
    });

    it('staff publish at once; a member proposal waits for a moderator, then is published on approval', async () => {
      const [member, other] = [await createMember(t, admin), await createMember(t, admin)];
      const staffEvent = await create(moderator);
      expect(staffEvent.status).toBe('VISIBLE');
      const proposal = await create(member, { title: 'Board game night' });
      expect(proposal.status).toBe('PENDING_REVIEW');
      expect(await eventAs(other, proposal.id)).toBeNull();
      expect((await eventAs(member, proposal.id)).status).toBe('PENDING_REVIEW');
      const queue = await t.ok<{ moderationQueue: any }>(
        `{ moderationQueue { edges { node { id kind targetType targetId } } } }`,
        {},
        moderator.token,
      );
      const pending = queue.moderationQueue.edges.map((e: any) => e.node).find((c: any) => c.targetId === proposal.id);
      expect(pending).toMatchObject({ kind: 'PREMODERATION', targetType: 'EVENT' });
      await t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: APPROVE }) { id } }`, { c: pending.id }, moderator.token);
      expect((await eventAs(other, proposal.id)).status).toBe('VISIBLE');
    });

    it("a member's edit of an approved event goes back to review; those going hear of a new place only once it is approved", async () => {
      const [member, going] = [await createMember(t, admin), await createMember(t, admin)];
      const proposal = await create(member, { title: 'Coffee after the meeting' });
      const caseOf = async (id: string) =>
        (await t.ok<{ moderationQueue: any }>(`{ moderationQueue { edges { node { id kind targetId status } } } }`, {}, moderator.token)).moderationQueue.edges
          .map((e: any) => e.node)
          .find((c: any) => c.targetId === id && c.kind === 'PREMODERATION');
      const approve = async (id: string) =>
        t.ok(`mutation($c: ID!) { moderate(input: { caseId: $c, action: APPROVE }) { id } }`, { c: (await caseOf(id)).id }, moderator.token);
      await approve(proposal.id);
      await t.ok(RSVP, { id: proposal.id, status: 'GOING' }, going.token);

      // The organiser rewrites it: a phishing link and another address. It leaves the listing at once.
      const rewritten = { title: 'Claim your recovery grant', description: 'Sign in at [kinship-login](https://evil.example)', address: '1 Elsewhere St' };
      await t.ok(UPDATE, { id: proposal.id, input: rewritten }, member.token);
      expect((await eventAs(member, proposal.id)).status).toBe('PENDING_REVIEW');
      expect(await eventAs(going, proposal.id)).toBeNull();
      expect(await caseOf(proposal.id)).toMatchObject({ kind: 'PREMODERATION', status: 'OPEN' });
      await t.settled();
      const changedNotices = () =>
        t.dataSource.query(`SELECT source_key FROM notifications WHERE user_id = $1 AND type = 'EVENT_CHANGED'`, [going.id]);
      expect(await changedNotices()).toEqual([]);

      // Approved: visible again with the new words, and those going are told of the new place once.
      await approve(proposal.id);
      expect(await eventAs(going, proposal.id)).toMatchObject({ status: 'VISIBLE', title: rewritten.title, address: rewritten.address });
      await t.settled();
      expect(await changedNotices()).toHaveLength(1);

      // Staff edits stay live; a member's title-only edit goes to review and, approved, announces nothing.
      await t.ok(UPDATE, { id: proposal.id, input: { title: 'Coffee, corrected by staff' } }, moderator.token);
      expect((await eventAs(going, proposal.id)).status).toBe('VISIBLE');
      await t.ok(UPDATE, { id: proposal.id, input: { title: 'Coffee after the Tuesday meeting' } }, member.token);
      expect(await eventAs(going, proposal.id)).toBeNull();
      await approve(proposal.id);
      await t.settled();
      expect(await changedNotices()).toHaveLength(1);
    });

    it('only the organiser or a moderator edits and cancels; cancelling needs a reason and closes RSVPs', async () => {
      const [organizer, other] = [await createMember(t, admin), await createMember(t, admin)];
      await t.dataSource.query(`UPDATE users SET role = 'MODERATOR' WHERE id = $1`, [organizer.id]);
      const event = await create(organizer);
      await t.dataSource.query(`UPDATE users SET role = 'MEMBER' WHERE id = $1`, [organizer.id]);
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, other.token);
      expect(errorOf(await t.gql(UPDATE, { id: event.id, input: { title: 'Mine now' } }, other.token)).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(CANCEL, { id: event.id, reason: 'no' }, other.token)).code).toBe('FORBIDDEN');
      expect((await t.ok<{ updateEvent: any }>(UPDATE, { id: event.id, input: { title: 'Bluff Trail hike' } }, organizer.token)).updateEvent.title).toBe(
        'Bluff Trail hike',
      );
      expect(errorOf(await t.gql(UPDATE, { id: event.id, input: { endsAt: event.startsAt } }, organizer.token))).toMatchObject({
        field: 'endsAt',
      });
      expect(errorOf(await t.gql(CANCEL, { id: event.id, reason: '  ' }, organizer.token))).toMatchObject({ field: 'reason' });
      const { cancelEvent } = await t.ok<{ cancelEvent: any }>(CANCEL, { id: event.id, reason: 'Storm warning for Saturday' }, moderator.token);
      expect(cancelEvent).toMatchObject({ cancelled: true, cancelReason: 'Storm warning for Saturday', rsvpOpen: false });
      const refused = errorOf(await t.gql(RSVP, { id: event.id, status: 'GOING' }, organizer.token));
      expect(refused).toMatchObject({ code: 'FORBIDDEN' });
      expect(refused.message).toMatch(/cancelled/);
      // Told once: counted after the queue has drained, so a second notice would show.
      const cancelledNotices = () => t.dataSource.query(`SELECT body FROM notifications WHERE user_id = $1 AND type = 'EVENT_CANCELLED'`, [other.id]);
      await eventually(async () => ((await cancelledNotices()).length > 0 ? true : undefined));
      await t.settled();
      expect(await cancelledNotices()).toEqual([{ body: 'Storm warning for Saturday' }]);
    });
  });

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

  describe('reminders', () => {
    const delayed = async (eventId: string) => {
      const store = new QueueStore(t.config, { name: 'test' });
      const queue = store.queue('notifications');
      try {
        const jobs = await queue.getJobs(['delayed']);
        return jobs
          .filter((j) => j.id?.startsWith(`event-reminder-${eventId}`))
          .map((j) => ({ id: j.id, runsAt: j.timestamp + (j.opts.delay ?? 0), data: j.data }))
          .sort((a, b) => String(a.id).localeCompare(String(b.id)));
      } finally {
        await queue.close();
        store.disconnect();
      }
    };

    it('schedules 24 h and 1 h reminders with deterministic ids, moves them with the event, and removes them on cancel', async () => {
      const event = await create(moderator);
      await t.settled();
      let jobs = await delayed(event.id);
      expect(jobs.map((j) => j.id)).toEqual([`event-reminder-${event.id}-1440`, `event-reminder-${event.id}-60`]);
      const start = new Date(event.startsAt).getTime();
      expect(Math.abs(jobs[0].runsAt - (start - 24 * HOUR))).toBeLessThan(5000);
      expect(Math.abs(jobs[1].runsAt - (start - HOUR))).toBeLessThan(5000);

      const moved = new Date(start + 24 * HOUR);
      await t.ok(UPDATE, { id: event.id, input: { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() } }, moderator.token);
      await t.settled();
      jobs = await delayed(event.id);
      expect(jobs).toHaveLength(2);
      expect(Math.abs(jobs[1].runsAt - (moved.getTime() - HOUR))).toBeLessThan(5000);
      expect(jobs[1].data.startsAt).toBe(moved.toISOString());

      await t.ok(CANCEL, { id: event.id, reason: 'Trail closed' }, moderator.token);
      await t.settled();
      expect(await delayed(event.id)).toEqual([]);
    });

    it('a reminder reaches members going only, once, and a stale or cancelled one sends nothing', async () => {
      const event = await create(moderator);
      const [going, waiting, notGoing] = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      await t.ok(UPDATE, { id: event.id, input: { capacity: 1 } }, moderator.token);
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, going.token);
      await t.ok(RSVP, { id: event.id, status: 'GOING' }, waiting.token);
      await t.ok(RSVP, { id: event.id, status: 'NOT_GOING' }, notGoing.token);
      const processor = t.worker!.get(EventsProcessor);
      expect(await processor.reminder(event.id, 60, new Date(event.startsAt).toISOString())).toBe(1);
      expect(await processor.reminder(event.id, 60, new Date(event.startsAt).toISOString())).toBe(0);
      expect(await processor.reminder(event.id, 1440, new Date(Date.now()).toISOString())).toBe(0); // stale start
      const [row] = await t.dataSource.query(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'EVENT_REMINDER'`, [going.id]);
      expect(row.title).toBe('Saturday hike at Bluff Trail starts in 1 hour');
      await t.ok(RSVP, { id: event.id, status: 'NOT_GOING' }, going.token); // the waitlisted member takes the seat
      await t.ok(CANCEL, { id: event.id, reason: 'Rain' }, moderator.token);
      expect(await processor.reminder(event.id, 1440, new Date(event.startsAt).toISOString())).toBe(0);
    });
  });

  describe('series', () => {
    it('creates up to 12 weekly occurrences with their own RSVPs, and "all future" edits shift the later ones', async () => {
      const first = await create(moderator, { recurrence: { frequency: 'WEEKLY', count: 4 }, capacity: 10 });
      const rows: { id: string; starts_at: Date }[] = await t.dataSource.query(
        `SELECT id, starts_at FROM events WHERE series_id = $1 ORDER BY starts_at`,
        [first.seriesId],
      );
      expect(rows).toHaveLength(4);
      expect(rows[0].id).toBe(first.id);
      const member = await createMember(t, admin);
      await t.ok(RSVP, { id: rows[1].id, status: 'GOING' }, member.token);
      expect((await eventAs(member, rows[2].id)).viewerRsvp).toBeNull();

      const later = new Date(rows[1].starts_at.getTime() + HOUR);
      await t.ok(
        UPDATE,
        {
          id: rows[1].id,
          input: { scope: 'ALL_FUTURE', title: 'Evening hike', startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 3 * HOUR).toISOString() },
        },
        moderator.token,
      );
      const after: { title: string; starts_at: Date }[] = await t.dataSource.query(
        `SELECT title, starts_at FROM events WHERE series_id = $1 ORDER BY starts_at`,
        [first.seriesId],
      );
      expect(after.map((r) => r.title)).toEqual(['Saturday hike at Bluff Trail', 'Evening hike', 'Evening hike', 'Evening hike']);
      expect(after[0].starts_at.getTime()).toBe(rows[0].starts_at.getTime());
      expect(after[3].starts_at.getTime()).toBe(rows[3].starts_at.getTime() + HOUR);
      const changedNotices = () => t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'EVENT_CHANGED'`, [member.id]);
      await eventually(async () => ((await changedNotices()).length > 0 ? true : undefined));
      await t.settled();
      expect(await changedNotices()).toHaveLength(1);
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

  describe('flags', () => {
    it('members flag an event; three rule flags hide it pending review', async () => {
      const event = await create(moderator, { title: 'Flaggable event' });
      const flaggers = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      for (const who of flaggers) {
        await t.ok(`mutation($id: ID!) { flag(input: { targetType: EVENT, targetId: $id, reason: SPAM }) }`, { id: event.id }, who.token);
      }
      const viewer = await createMember(t, admin);
      expect(await eventAs(viewer, event.id)).toBeNull();
      const [c] = await t.dataSource.query(`SELECT kind, score FROM flag_cases WHERE target_type = 'EVENT' AND target_id = $1`, [event.id]);
      expect(c).toEqual({ kind: 'RULES', score: 3 });
    });
  });

  describe('listing', () => {
    it('lists upcoming events by start, filters by kind and "mine"', async () => {
      const member = await createMember(t, admin);
      const soon = await create(moderator, { title: 'Soon fitness', kind: 'FITNESS', startsAt: inHours(5), endsAt: inHours(6) });
      const later = await create(moderator, { title: 'Later fitness', kind: 'FITNESS', startsAt: inHours(200), endsAt: inHours(201) });
      const { events } = await t.ok<{ events: any }>(EVENTS, { kind: 'FITNESS' }, member.token);
      expect(events.edges.map((e: any) => e.node.id)).toEqual([soon.id, later.id]);
      await t.ok(RSVP, { id: later.id, status: 'GOING' }, member.token);
      const mine = await t.ok<{ events: any }>(EVENTS, { mine: true }, member.token);
      expect(mine.events.edges.map((e: any) => e.node.id)).toEqual([later.id]);
    });
  });
});
