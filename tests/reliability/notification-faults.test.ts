import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import {
  freePort,
  Member,
  OwnRedis,
  registerAdmin,
  registerMembers,
  settled,
  SmtpSink,
  until,
  withQueues,
} from './support.js';

describe('notifications survive faults', () => {
  let redis: OwnRedis;
  let stack: Stack;
  let admin: Member;
  let categoryId: string;

  const thread = async (author: Member) =>
    (
      await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`,
        { input: { categoryId, title: 'Fault-tolerant thread', body: 'Testing.' } },
        author.token,
      )
    ).createThread.post.thread.id;
  const reply = (who: Member, threadId: string) =>
    stack.gql<{ reply: { post: { id: string } } }>(
      `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
      { input: { threadId, body: 'hello' } },
      who.token,
    );
  const replyNotes = async (postId: string) => {
    return stack.sql<{ count: number; users: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT user_id)::int AS users FROM notifications WHERE source_key = $1`,
      [`reply:${postId}`],
    );
  };
  /** Worker connections blocked waiting for the next job (BullMQ's BZPOPMIN); only workers make them. */
  const takingJobs = async () => {
    const client = new Redis(stack.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
    try {
      const list = (await client.client('LIST')) as string;
      return list.split('\n').filter((line) => / cmd=bzpopmin /.test(line)).length;
    } finally {
      client.disconnect();
    }
  };
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    stack = await Stack.start(
      {
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        JOB_LOCK_MS: '2000',
        JOB_BACKOFF_MS: '200',
        AUTH_RATE_LIMIT_PER_IP: '100000',
        PREMOD_FIRST_POSTS: '0',
      },
      { web: false },
    );
    admin = await registerAdmin(stack, 'faults@program.example', 'Fault Staff');
    categoryId = (
      await stack.gql<{ createCategory: { id: string } }>(
        `mutation { createCategory(input: { name: "Faults" }) { id } }`,
        {},
        admin.token,
      )
    ).createCategory.id;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('with Redis down a reply still succeeds, its job waits in the outbox, and its notification arrives once Redis is back', async () => {
    const [author, replier] = await registerMembers(stack, admin, 2);
    const threadId = await thread(author);
    await redis.stop();
    // The request path never waits on Redis (how fast it answers is the bench's to measure): the
    // job is an outbox row, committed with the reply, until Redis returns.
    const { reply: r } = await reply(replier, threadId);
    expect((await replyNotes(r.post.id))[0].count).toBe(0);
    const [waiting] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`,
    );
    expect(waiting.n).toBeGreaterThan(0);
    await redis.start();
    await until(async () => ((await replyNotes(r.post.id))[0].count > 0 ? true : undefined), 30_000);
    await settled(stack);
    expect(await replyNotes(r.post.id)).toEqual([{ count: 1, users: 1 }]);
  });

  it('SIGTERM while a fan-out is under way: the draining worker itself finishes it, then exits 0', async () => {
    const [author, held, ...others] = await registerMembers(stack, admin, 8);
    const watchers = [held, ...others];
    const threadId = await thread(author);
    for (const w of watchers) {
      await stack.gql(
        `mutation($t: ID!) { watchThread(threadId: $t, watching: true) { id } }`,
        { t: threadId },
        w.token,
      );
    }
    // One recipient's row is locked by us, so the fan-out's insert (its foreign-key check on that
    // member) waits: the job is provably running, in the middle of its write, for as long as we hold it.
    const lock = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await lock.connect();
    let exited: Promise<number | null> | undefined;
    try {
      await lock.query('BEGIN');
      await lock.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [held.id]);
      const [{ pid }] = (await lock.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows;
      const replier = others[0];
      const { reply: r } = await reply(replier, threadId);
      const waiting = () =>
        stack.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) AND query LIKE 'INSERT INTO notifications%'`,
          [pid],
        );
      await until(async () => ((await waiting())[0].n === 1 ? true : undefined));
      const [job] = await stack.sql<{ id: string; queue: string }>(
        `SELECT id, queue FROM outbox WHERE name = 'notifications.reply' AND payload->>'postId' = $1`,
        [r.post.id],
      );
      const state = () => withQueues(stack, (queues) => queues.get(job.queue)!.getJobState(job.id));
      expect(await state()).toBe('active');
      expect(await takingJobs()).toBeGreaterThan(0);

      exited = stack.signal('worker', 'SIGTERM');
      // The worker has begun to drain (it has dropped the connection it waits for new jobs on)
      // while the job is still its own and still in the middle of its write; only then is it let go.
      await until(async () => ((await takingJobs()) === 0 ? true : undefined));
      expect(await state()).toBe('active');
      expect((await waiting())[0].n).toBe(1);
      await lock.query('ROLLBACK');
      const code = await exited;

      // No worker runs now: whatever is done, the draining worker did.
      expect(code).toBe(0);
      const expected = watchers.length; // the author and every watcher but the replier
      expect(await replyNotes(r.post.id)).toEqual([{ count: expected, users: expected }]);
      expect(await state()).toBe('completed');
      console.info(
        `SIGTERM: the worker finished the fan-out it was in (${expected} notifications), then exited with code ${code}`,
      );
    } finally {
      await lock.end();
      // Leave the stack as it was found: a worker running.
      if (exited) {
        await exited;
        stack.restart('worker');
      }
    }
  });
});

/**
 * The email sweep is the one fan-out that commits recipient by recipient (each email is claimed,
 * sent, and marked sent on its own), so it is where a kill can land with the work half done. The
 * mail server here stops answering after 15 of 40 emails: the sweep is then provably mid-way, and
 * the worker is killed there.
 */
describe('emails survive a SIGKILL halfway through a sweep', () => {
  const RECIPIENTS = 40;
  const BEFORE_KILL = 15;
  let smtp: SmtpSink;
  let stack: Stack;
  let admin: Member;

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    stack = await Stack.start(
      {
        SMTP_URL: smtp.url,
        EMAIL_DELAY_SECONDS: '0',
        JOB_LOCK_MS: '2000',
        JOB_BACKOFF_MS: '200',
        SWEEP_INTERVAL_MS: '200',
        AUTH_RATE_LIMIT_PER_IP: '100000',
      },
      { web: false },
    );
    admin = await registerAdmin(stack, 'sweep@program.example', 'Sweep Staff');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  const emailStates = async (eventId: string) => {
    const rows = await stack.sql<{ state: string; n: number }>(
      `SELECT email_state AS state, count(*)::int AS n FROM notifications WHERE type = 'EVENT_CANCELLED' AND url = $1 GROUP BY 1`,
      [`/events/${eventId}`],
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  };

  it('killed with some emails sent and the rest not, it sends each of the rest once after a restart', async () => {
    const going = await registerMembers(stack, admin, RECIPIENTS);
    const startsAt = Date.now() + 7 * 86_400_000;
    const { createEvent } = await stack.gql<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Picnic by the river',
          kind: 'OUTDOORS',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3600_000).toISOString(),
          timeZone: 'America/Chicago',
          address: 'Riverside Park',
        },
      },
      admin.token,
    );
    for (let i = 0; i < going.length; i += 10) {
      await Promise.all(
        going
          .slice(i, i + 10)
          .map((m) =>
            stack.gql(
              `mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`,
              { id: createEvent.id },
              m.token,
            ),
          ),
      );
    }
    // Only the sweep this test starts may send: the minute schedule is held off and any sweep
    // already under way has finished, so two sweeps never hold one email each.
    await stack.sql(
      `UPDATE schedule_runs SET last_run_at = now() + interval '1 day' WHERE name = 'notifications.email-sweep'`,
    );
    await settled(stack);
    smtp.holdAfter(BEFORE_KILL);
    await stack.gql(
      `mutation($id: ID!) { cancelEvent(id: $id, reason: "Flooded") { id } }`,
      { id: createEvent.id },
      admin.token,
    );
    // Every one of the 40 is told in the app (one statement); their emails are due at once.
    await until(async () =>
      Object.values(await emailStates(createEvent.id)).reduce((a, b) => a + b, 0) === RECIPIENTS
        ? true
        : undefined,
    );
    // The next sweep is due now rather than in a minute (the schedule lives in PostgreSQL).
    await stack.sql(
      `UPDATE schedule_runs SET last_run_at = now() - interval '1 hour' WHERE name = 'notifications.email-sweep'`,
    );

    // Mid-sweep: 15 accepted, the 16th waiting for the server's answer, the rest not yet begun.
    await until(() => (smtp.holding > 0 ? true : undefined), 30_000);
    expect(smtp.holding).toBe(1);
    expect(smtp.accepted).toHaveLength(BEFORE_KILL);
    expect(await emailStates(createEvent.id)).toEqual({
      SENT: BEFORE_KILL,
      SENDING: 1,
      PENDING: RECIPIENTS - BEFORE_KILL - 1,
    });

    await stack.signal('worker', 'SIGKILL');
    await until(() => (smtp.holding === 0 ? true : undefined)); // its connection is gone: the 16th never arrived
    expect(smtp.accepted).toHaveLength(BEFORE_KILL);
    expect(await emailStates(createEvent.id)).toEqual({
      SENT: BEFORE_KILL,
      SENDING: 1,
      PENDING: RECIPIENTS - BEFORE_KILL - 1,
    });
    // A claim left by a dead worker is taken again after 10 minutes; that wait is skipped here.
    await stack.sql(
      `UPDATE notifications SET email_due_at = email_due_at - interval '11 minutes' WHERE email_state = 'SENDING'`,
    );

    smtp.release();
    stack.restart('worker');
    // The killed sweep job is run again once its lock lapses, and finishes the rest.
    await until(
      async () => ((await emailStates(createEvent.id)).SENT === RECIPIENTS ? true : undefined),
      60_000,
    );
    await settled(stack);
    expect(await emailStates(createEvent.id)).toEqual({ SENT: RECIPIENTS });
    const received = smtp.accepted.flatMap((m) => m.to).sort();
    expect(received).toEqual(going.map((m) => m.email.toLowerCase()).sort());
    console.info(
      `SIGKILL mid-sweep: ${BEFORE_KILL} of ${RECIPIENTS} emails sent at the kill; after restart ${received.length}, each once`,
    );
  });
});
