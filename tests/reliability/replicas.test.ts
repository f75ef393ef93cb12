import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { Member, registerAdmin, registerMembers, settled, withQueues } from './support.js';

const HOUR = 3600_000;

/**
 * Two api and two worker processes on one PostgreSQL and one Redis, as a deployment with
 * replicas runs: each notification is written once, the live badge reaches a member on the other
 * api, rate limits are shared, and the two relays never reorder a reminder's changes.
 */
describe('two api and two worker replicas', () => {
  let stack: Stack;
  let apiB: string;
  let admin: Member;
  let categoryId: string;

  const gqlAt = async <T>(
    api: string,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
  };

  beforeAll(async () => {
    stack = await Stack.start(
      {
        AUTH_RATE_LIMIT_PER_IP: '100000',
        AUTH_RATE_LIMIT_PER_EMAIL: '4',
        PREMOD_FIRST_POSTS: '0',
        EVENT_REMINDER_MINUTES: '1440,60',
      },
      { web: false },
    );
    apiB = await stack.startExtra('api');
    await stack.startExtra('worker');
    admin = await registerAdmin(stack, 'replicas@program.example');
    categoryId = (
      await stack.gql<{ createCategory: { id: string } }>(
        `mutation { createCategory(input: { name: "Replicas" }) { id } }`,
        {},
        admin.token,
      )
    ).createCategory.id;
  }, 120_000);
  afterAll(() => stack?.stop());

  it('a reply through either api notifies each watcher exactly once', async () => {
    const [author, ...watchers] = await registerMembers(stack, admin, 6);
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`,
      { input: { categoryId, title: 'Week two', body: 'Still here.' } },
      author.token,
    );
    const threadId = createThread.post.thread.id;
    for (const [i, watcher] of watchers.entries()) {
      const res = await gqlAt(
        i % 2 ? apiB : stack.apiUrl,
        `mutation($id: ID!) { watchThread(threadId: $id, watching: true) { id } }`,
        { id: threadId },
        watcher.token,
      );
      expect(res.errors).toBeUndefined();
    }
    const replies = await Promise.all(
      [stack.apiUrl, apiB, stack.apiUrl, apiB].map((api, i) =>
        gqlAt<{ reply: { post: { id: string } } }>(
          api,
          `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
          { input: { threadId, body: `Reply ${i}` } },
          admin.token,
        ),
      ),
    );
    for (const r of replies) expect(r.errors).toBeUndefined();
    await settled(stack);
    const rows = await stack.sql<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE type = 'REPLY' AND url LIKE $1 GROUP BY user_id`,
      [`/threads/${threadId}%`],
    );
    // Four replies, each to the author and the five watchers, each once.
    expect(rows.map((r) => r.n).sort()).toEqual([4, 4, 4, 4, 4, 4]);
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([author.id, ...watchers.map((w) => w.id)]));
  });

  it('the live badge of a member connected to one api updates for a notification made through the other', async () => {
    const [member] = await registerMembers(stack, admin, 1);
    const { createThread } = await stack.gql<{ createThread: { post: { thread: { id: string } } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { thread { id } } } }`,
      { input: { categoryId, title: 'Badge check', body: 'Hello.' } },
      member.token,
    );
    const stream = await fetch(`${apiB}/notifications/stream`, {
      headers: { authorization: `Bearer ${member.token}` },
    });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toMatch(/data: 0/);
    await gqlAt(
      stack.apiUrl,
      `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
      { input: { threadId: createThread.post.thread.id, body: 'Welcome!' } },
      admin.token,
    );
    let received = '';
    while (!/data: 1/.test(received)) received += decoder.decode((await reader.read()).value);
    await reader.cancel();
  });

  it('the failed sign-in limit holds across both apis (the counters are shared)', async () => {
    const attempt = (api: string) =>
      gqlAt(
        api,
        `mutation { login(email: "nobody-replicas@example.org", password: "not-the-password") { token } }`,
        {},
      );
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await attempt(i % 2 ? apiB : stack.apiUrl)).errors?.[0]?.extensions?.code);
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it("two relays never reorder a reminder's reschedules and its removal: a cancelled event keeps no reminder job", async () => {
    const events = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const startsAt = Date.now() + 72 * HOUR + n * 60_000;
        const { createEvent } = await stack.gql<{ createEvent: { id: string } }>(
          `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
          {
            input: {
              title: `Walk ${n}`,
              description: 'Around the lake.',
              kind: 'OUTDOORS',
              startsAt: new Date(startsAt).toISOString(),
              endsAt: new Date(startsAt + HOUR).toISOString(),
              timeZone: 'America/Chicago',
              address: 'Lake Park',
            },
          },
          admin.token,
        );
        return { id: createEvent.id, startsAt };
      }),
    );
    // Each event is moved five times, through both apis, and then cancelled; the events side by side.
    await Promise.all(
      events.map(async ({ id, startsAt }, n) => {
        for (let k = 1; k <= 5; k++) {
          const moved = startsAt + k * HOUR;
          const res = await gqlAt(
            (n + k) % 2 ? apiB : stack.apiUrl,
            `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
            {
              id,
              input: {
                startsAt: new Date(moved).toISOString(),
                endsAt: new Date(moved + HOUR).toISOString(),
              },
            },
            admin.token,
          );
          expect(res.errors).toBeUndefined();
        }
        const res = await gqlAt(
          n % 2 ? apiB : stack.apiUrl,
          `mutation($id: ID!) { cancelEvent(id: $id, reason: "Rain.") { id } }`,
          { id },
          admin.token,
        );
        expect(res.errors).toBeUndefined();
      }),
    );
    await settled(stack);
    const left = await withQueues(stack, async (queues) => {
      const queue = queues.get('notifications')!;
      const found: string[] = [];
      for (const { id } of events) {
        for (const minutes of [1440, 60]) {
          const job = await queue.getJob(`event-reminder-${id}-${minutes}`);
          if (job) found.push(`${job.id} (${await job.getState()})`);
        }
      }
      return found;
    });
    expect(left).toEqual([]);
  });
});
