import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { eventLookups } from '../../../test/event-lookups';
import { EventsProcessor } from './jobs/events.processor';
import { QueueStore } from '../../queue/queue-store';
import { CANCEL, HOUR, RSVP, UPDATE } from './events.test-ops';

/** The 24 h and 1 h reminders: scheduled with the event, moved and removed with it, sent to those going once. */
describe('events', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ worker: true, moderators: 1 }));
  });
  afterAll(() => t?.stop());

  const { create } = eventLookups(() => t);

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
});
