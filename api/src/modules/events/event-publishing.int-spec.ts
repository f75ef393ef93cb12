import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { eventLookups } from '../../../test/event-lookups';
import { CANCEL, CREATE, EVENTS, HOUR, inHours, input, RSVP, UPDATE } from './events.test-ops';

/** Creating, reviewing, editing and cancelling events and series; flagging them; listing them. */
describe('events', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ worker: true, moderators: 1 }));
  });
  afterAll(() => t?.stop());

  const { create, eventAs } = eventLookups(() => t);

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
