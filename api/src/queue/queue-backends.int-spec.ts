import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestHarness } from '../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../test/factories';
import { NOTIFY_REPLY } from '../modules/discussions/jobs/discussions.jobs';
import { SCHEDULES } from './all-jobs';
import { OutboxRelay } from './outbox-relay.service';
import { QueueStore } from './queue-store';
import { Sweeper } from './sweeper.service';

/** Opens the live unread-count stream and collects the counts it sends. */
function openStream(port: number, token: string): Promise<{ counts: number[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/notifications/stream', headers: { authorization: `Bearer ${token}` } }, (res) => {
      const counts: number[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/event: unread\ndata: (\d+)\n\n/g)) counts.push(Number(match[1]));
      });
      resolve({ counts, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

/**
 * What the jobs promise, on each queue store: Redis, and BullMQ's PostgreSQL backend (the default
 * when no Redis answers). The worker's sweeper is slowed right down, so a delayed job that runs
 * was run by the store's own timer, not found by a sweep.
 */
describe.each(['redis', 'postgres'] as const)('jobs on %s', (backend) => {
  let t: TestHarness;
  let store: QueueStore;
  let queue: Queue;
  let admin: Member;
  let port: number;

  beforeAll(async () => {
    t = await TestHarness.start({ QUEUE_BACKEND: backend, EVENT_REMINDER_MINUTES: '1', SWEEP_INTERVAL_MS: '300000' });
    await t.startWorker();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    store = new QueueStore(t.config, { name: 'test' });
    queue = store.queue(NOTIFY_REPLY.queue);
    await queue.waitUntilReady();
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    await queue?.close();
    store?.disconnect();
    await t?.stop();
  });

  const completed = async (name: string) => (await queue.getJobs(['completed'], 0, 1000)).filter((job) => job.name === name);
  const notifications = async (userId: string, type: string) => {
    const [{ count }]: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND type = $2`,
      [userId, type],
    );
    return count;
  };

  it('uses the store it was given', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(await res.json()).toMatchObject({ status: 'ok', queue: backend, redis: backend === 'redis' ? 'ok' : 'not used' });
    // BullMQ's PostgreSQL backend keeps its tables in their own schema, made by BullMQ itself.
    const [{ tables }]: { tables: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'bullmq'`,
    );
    expect(tables > 0).toBe(backend === 'postgres');
  });

  it('relays a committed outbox row as a job with the row id, and runs it', async () => {
    const [author, replier] = [await createMember(t, admin), await createMember(t, admin)];
    const { threadId } = await createThread(t, author, await createCategory(t, admin));
    const postId = await reply(t, replier, threadId);
    await t.settled();
    const [row]: { id: string; dispatched_at: Date | null }[] = await t.dataSource.query(
      `SELECT id, dispatched_at FROM outbox WHERE name = $1 AND payload->>'postId' = $2`,
      [NOTIFY_REPLY.name, postId],
    );
    expect(row.dispatched_at).not.toBeNull();
    const jobs = (await completed(NOTIFY_REPLY.name)).filter((job) => (job.data as { postId: string }).postId === postId);
    expect(jobs.map((job) => job.id)).toEqual([row.id]);
    expect(await notifications(author.id, 'REPLY')).toBe(1);
  });

  it('a job delivered twice (a second copy under another id) writes one notification', async () => {
    const [author, replier] = [await createMember(t, admin), await createMember(t, admin)];
    const { threadId } = await createThread(t, author, await createCategory(t, admin));
    const postId = await reply(t, replier, threadId);
    await t.settled();
    await queue.add(NOTIFY_REPLY.name, { postId }, { jobId: `again-${postId}` });
    await t.settled();
    expect((await completed(NOTIFY_REPLY.name)).filter((job) => (job.data as { postId: string }).postId === postId)).toHaveLength(2);
    expect(await notifications(author.id, 'REPLY')).toBe(1);
  });

  it('holds a delayed reminder until its time, then runs it once', async () => {
    const member = await createMember(t, admin);
    // Reminders go 1 minute ahead: an event 75 s away is reminded about in 15 s (room enough to
    // see the job still waiting on a loaded machine).
    const startsAt = new Date(Date.now() + 75_000);
    const { createEvent } = await t.ok<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Coffee after the meeting',
          description: 'Talk.',
          kind: 'SOCIAL',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
          timeZone: 'UTC',
          address: 'Room 2',
        },
      },
      admin.token,
    );
    await t.ok(`mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`, { id: createEvent.id }, member.token);
    await t.worker!.get(OutboxRelay).drain();
    const reminders = (await queue.getJobs(['delayed'])).filter((job) => (job.data as { eventId?: string }).eventId === createEvent.id);
    expect(reminders).toHaveLength(1);
    // The moment that matters: the job is still waiting for its time, and nothing was sent.
    expect(await reminders[0].getState()).toBe('delayed');
    expect(await notifications(member.id, 'EVENT_REMINDER')).toBe(0);
    await eventually(async () => ((await reminders[0].getState()) === 'completed' ? true : undefined), 40_000);
    expect(await notifications(member.id, 'EVENT_REMINDER')).toBe(1);
  }, 60_000);

  it('runs each repeatable job once per interval, however often the schedules are claimed', async () => {
    // The worker claims every schedule when it starts (a new deployment runs each at once).
    await eventually(async () => {
      const [{ count }]: { count: number }[] = await t.dataSource.query(`SELECT count(*)::int AS count FROM schedule_runs`);
      return count === SCHEDULES.length ? true : undefined;
    });
    await t.settled();
    const sweeper = t.worker!.get(Sweeper);
    expect(await sweeper.claimSchedules()).toEqual([]);
    await t.settled();
    for (const { job } of SCHEDULES) expect({ job: job.name, runs: (await completed(job.name)).length }).toEqual({ job: job.name, runs: 1 });
  });

  it('the live unread count follows a notification the worker wrote', async () => {
    const [author, replier] = [await createMember(t, admin), await createMember(t, admin)];
    const { threadId } = await createThread(t, author, await createCategory(t, admin));
    const stream = await openStream(port, author.token);
    try {
      await eventually(() => Promise.resolve(stream.counts.length > 0 ? true : undefined));
      await reply(t, replier, threadId);
      await eventually(() => Promise.resolve(stream.counts.at(-1) === 1 ? true : undefined));
      expect(stream.counts).toEqual([0, 1]);
    } finally {
      stream.close();
    }
  });
});
