import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { freePort, Member, OwnRedis, registerAdmin, registerMembers, settled, until } from './support.js';

/**
 * Deadlines live in PostgreSQL; Redis only makes them prompt. The built api and worker run
 * against a Redis of the test's own (no persistence), which is restarted or flushed while a
 * crisis escalation, a reminder or a scheduled job waits: each still happens.
 */
describe('deadlines survive a Redis restart or flush', () => {
  let redis: OwnRedis;
  let stack: Stack;
  let admin: Member;
  let categoryId: string;

  const member = async (): Promise<Member> => (await registerMembers(stack, admin, 1))[0];

  /** A post that reads as a crisis: returns its CRISIS case id and escalation time. */
  const crisis = async (author: Member) => {
    const { createThread } = await stack.gql<{ createThread: { post: { id: string } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`,
      { input: { categoryId, title: 'A hard night', body: 'I want to end it all tonight.' } },
      author.token,
    );
    const [row] = await stack.sql<{ id: string; escalate_at: Date }>(
      `SELECT id, escalate_at FROM flag_cases WHERE kind = 'CRISIS' AND target_id = $1`,
      [createThread.post.id],
    );
    return row;
  };
  const escalationNotice = (caseId: string) =>
    until(async () => {
      const [row] = await stack.sql<{ created_at: Date }>(
        `SELECT created_at FROM notifications WHERE user_id = $1 AND source_key = $2`,
        [admin.id, `crisis-escalation:${caseId}`],
      );
      return row;
    }, 30_000);

  /** An event starting in 63 s; with reminders 1 minute ahead, its reminder is due in 3 s. */
  const eventWithReminderSoon = async (going: Member) => {
    const startsAt = new Date(Date.now() + 63_000);
    const { createEvent } = await stack.gql<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Evening walk',
          description: 'Around the lake.',
          kind: 'OUTDOORS',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
          timeZone: 'America/Chicago',
          address: 'Lake Park',
        },
      },
      admin.token,
    );
    await stack.gql(`mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`, { id: createEvent.id }, going.token);
    return createEvent.id;
  };
  const reminders = (eventId: string, who: Member) =>
    stack.sql<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'EVENT_REMINDER' AND url = $2`, [
      who.id,
      `/events/${eventId}`,
    ]);

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    stack = await Stack.start(
      {
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        CRISIS_ESCALATION_SECONDS: '3',
        EVENT_REMINDER_MINUTES: '1',
        SWEEP_INTERVAL_MS: '500',
        JOB_BACKOFF_MS: '200',
        AUTH_RATE_LIMIT_PER_IP: '100000',
        PREMOD_FIRST_POSTS: '0',
      },
      { web: false },
    );
    admin = await registerAdmin(stack, 'deadlines@program.example', 'Deadline Staff');
    categoryId = (
      await stack.gql<{ createCategory: { id: string } }>(`mutation { createCategory(input: { name: "Deadlines" }) { id } }`, {}, admin.token)
    ).createCategory.id;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  for (const [fault, act] of [
    ['restarted', () => redis.restart()],
    ['flushed', () => redis.flush()],
  ] as const) {
    it(`an unacknowledged crisis case still escalates to admins when Redis is ${fault} while it waits`, async () => {
      const author = await member();
      const { id: caseId, escalate_at } = await crisis(author);
      expect(escalate_at).not.toBeNull();
      // The delayed escalation job reached Redis: the fault below is what loses it.
      await until(async () => {
        const [row] = await stack.sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
        return row.pending === 0 ? true : undefined;
      });
      await act();
      const notice = await escalationNotice(caseId);
      // Not early: the admins hear of it only once its deadline has passed.
      expect(notice.created_at.getTime()).toBeGreaterThanOrEqual(escalate_at.getTime());
      // Once: counted after the delayed job (if it survived) and the sweep have both had their turn.
      await settled(stack);
      const [escalation] = await stack.sql<{ escalated_at: Date | null }>(`SELECT escalated_at FROM flag_cases WHERE id = $1`, [caseId]);
      expect(escalation.escalated_at).not.toBeNull();
      const log = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM moderation_actions WHERE case_id = $1 AND action = 'ESCALATE'`, [caseId]);
      expect(log[0].n).toBe(1);
    });

    it(`a reminder due in 3 s still reaches the members going when Redis is ${fault}, once`, async () => {
      const going = await member();
      const eventId = await eventWithReminderSoon(going);
      await act();
      const [reminder] = await until(async () => {
        const rows = await reminders(eventId, going);
        return rows.length > 0 ? rows : undefined;
      });
      expect(reminder.title).toBe('Evening walk starts in 1 minute');
      // Settle: the delayed job (if it survived, it is due now) has run, and finds the reminder dealt with.
      await settled(stack);
      expect(await reminders(eventId, going)).toHaveLength(1);
    });
  }

  it('scheduled jobs run again after a Redis restart (the schedule is kept in PostgreSQL)', async () => {
    const { resourceBoards } = await stack.gql<{ resourceBoards: { id: string }[] }>(`{ resourceBoards { id } }`, {}, admin.token);
    const boardId =
      resourceBoards[0]?.id ??
      (await stack.gql<{ createResourceBoard: { id: string } }>(`mutation { createResourceBoard(input: { name: "Jobs" }) { id } }`, {}, admin.token))
        .createResourceBoard.id;
    const { createResource } = await stack.gql<{ createResource: { id: string } }>(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      { input: { boardId, title: 'Line cook', organization: 'Diner', description: 'Evenings.' } },
      admin.token,
    );
    await redis.restart();
    // The posting's date passes, and the hourly expiry job's last run is made an hour old.
    await stack.sql(`UPDATE resources SET expires_at = now() - interval '1 minute' WHERE id = $1`, [createResource.id]);
    await stack.sql(`UPDATE schedule_runs SET last_run_at = now() - interval '61 minutes' WHERE name = 'resources.expiry'`);
    const expiryNotices = async () =>
      (
        await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND source_key LIKE $2`, [
          admin.id,
          `resource-expired:${createResource.id}:%`,
        ])
      )[0].n;
    await until(async () => ((await expiryNotices()) > 0 ? true : undefined), 30_000);
    await settled(stack);
    expect(await expiryNotices()).toBe(1);
  });
});

describe('docker-compose.yml', () => {
  it('runs Redis with an append-only file synced every second, on a volume, never evicting queued jobs', () => {
    const compose = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docker-compose.yml'), 'utf8');
    const redis = /\n {2}redis:\n {4}image:([\s\S]*?)\n\n/.exec(compose)?.[1] ?? '';
    expect(redis).toMatch(/'--appendonly', 'yes'/);
    expect(redis).toMatch(/'--appendfsync', 'everysec'/);
    expect(redis).toMatch(/'--maxmemory-policy', 'noeviction'/);
    expect(redis).toMatch(/- redis-data:\/data/);
  });
});
