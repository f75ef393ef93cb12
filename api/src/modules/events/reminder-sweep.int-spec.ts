import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { EventsProcessor } from './jobs/events.processor';

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id startsAt } }`;
const RSVP = `mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`;

/**
 * The reminder sweep (EventsProcessor.remindDue): what PostgreSQL says is due is sent, whatever
 * Redis holds. Reminders here are 100 and 60 minutes ahead; the sweeper's own timer is slowed so
 * each test runs the sweep itself.
 */
describe('event reminder sweep', () => {
  let t: TestHarness;
  let admin: Member;
  let going: Member;
  let events: EventsProcessor;

  beforeAll(async () => {
    ({ t, admin, members: [going] } = await startCommunity({
      env: { EVENT_REMINDER_MINUTES: '100,60', SWEEP_INTERVAL_MS: '300000' },
      worker: true,
      members: 1,
    }));
    events = t.worker!.get(EventsProcessor);
  });
  afterAll(() => t?.stop());

  const eventIn = async (minutes: number) => {
    const startsAt = new Date(Date.now() + minutes * 60_000);
    const { createEvent } = await t.ok<{ createEvent: { id: string; startsAt: string } }>(
      CREATE,
      {
        input: {
          title: `Meeting in ${minutes}`,
          description: 'Talk.',
          kind: 'MEETING',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
          timeZone: 'UTC',
          address: 'Room 2',
        },
      },
      admin.token,
    );
    await t.ok(RSVP, { id: createEvent.id }, going.token);
    return createEvent.id;
  };
  const remindersOf = (eventId: string) =>
    t.dataSource.query(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'EVENT_REMINDER' AND url = $2`, [going.id, `/events/${eventId}`]);
  const dealtWith = async (eventId: string) => {
    const rows: { minutes_before: number }[] = await t.dataSource.query(`SELECT minutes_before FROM event_reminders WHERE event_id = $1 ORDER BY 1`, [eventId]);
    return rows.map((r) => r.minutes_before);
  };

  it('sends only the nearest of several due reminders and passes over the others, once however often it runs', async () => {
    // 55 minutes ahead: the 100-minute reminder is 45 minutes late, the 60-minute one 5.
    const id = await eventIn(55);
    await events.remindDue();
    await events.remindDue();
    expect(await remindersOf(id)).toEqual([{ title: 'Meeting in 55 starts in 1 hour' }]);
    expect(await dealtWith(id)).toEqual([60, 100]);
  });

  it('does not send a reminder later than half its lead', async () => {
    // 25 minutes ahead: the 60-minute reminder would be 35 minutes late, the 100-minute one 75.
    const id = await eventIn(25);
    await events.remindDue();
    expect(await remindersOf(id)).toEqual([]);
  });

  it('sends nothing for an event not yet in any reminder window, nor for a cancelled one', async () => {
    const later = await eventIn(180);
    const cancelled = await eventIn(55);
    await t.ok(`mutation($id: ID!) { cancelEvent(id: $id, reason: "Room closed") { id } }`, { id: cancelled }, admin.token);
    await events.remindDue();
    expect(await remindersOf(later)).toEqual([]);
    expect(await remindersOf(cancelled)).toEqual([]);
  });
});
