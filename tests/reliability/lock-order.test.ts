import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { Member, PASSWORD, registerAdmin, registerMembers, settled, until } from './support.js';

const HOUR = 3600_000;
const ROUNDS = 8;
const OCCURRENCES = 6;
const LEAVERS = 3;
const WAITERS = 2;

interface Occurrence {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  going_count: number;
  waitlist_count: number;
  seated: number;
  waiting: number;
}

/**
 * Where the events code relies on lock order: an "all future" edit of a series locks its
 * occurrences in id order, like a member leaving (account deletion withdraws their RSVPs, event
 * by event, and gives each seat to the next in line), so the two never deadlock. Both are driven
 * at once, round after round, through the public API, with two editors changing different things:
 * nobody sees an error, and the end state is what running them one after another would give.
 */
describe('lock order: series edits against members leaving', () => {
  let stack: Stack;
  let admin: Member;
  let moderator: Member;
  let waiters: Member[];

  beforeAll(async () => {
    stack = await Stack.start(
      { AUTH_RATE_LIMIT_PER_IP: '100000', AUTH_RATE_LIMIT_PER_EMAIL: '100000' },
      { web: false },
    );
    admin = await registerAdmin(stack, 'locks@program.example', 'Lock Staff');
    [moderator] = await registerMembers(stack, admin, 1, 'MODERATOR');
    waiters = await registerMembers(stack, admin, WAITERS);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** A GraphQL call that answers with its errors instead of throwing, so a burst reports each one. */
  const call = (query: string, variables: Record<string, unknown>, token: string) =>
    fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown[] }>);
  const occurrences = (seriesId: string) =>
    stack.sql<Occurrence>(
      `SELECT e.id, e.title, e.starts_at, e.ends_at, e.capacity, e.going_count, e.waitlist_count,
              count(*) FILTER (WHERE r.status = 'GOING' AND NOT r.waitlisted)::int AS seated,
              count(*) FILTER (WHERE r.status = 'GOING' AND r.waitlisted)::int AS waiting
         FROM events e LEFT JOIN rsvps r ON r.event_id = e.id
        WHERE e.series_id = $1 GROUP BY e.id ORDER BY e.starts_at`,
      [seriesId],
    );

  it(`${ROUNDS} rounds: two "all future" edits and ${LEAVERS} account deletions at once; no error, nothing lost, seats consistent`, async () => {
    const series: { seriesId: string; ids: string[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const leavers = await registerMembers(stack, admin, LEAVERS);
      const start = Date.now() + 7 * 86_400_000;
      const { createEvent } = await stack.gql<{ createEvent: { id: string; seriesId: string } }>(
        `mutation($input: CreateEventInput!) { createEvent(input: $input) { id seriesId } }`,
        {
          input: {
            title: 'Tuesday walking group',
            kind: 'OUTDOORS',
            startsAt: new Date(start).toISOString(),
            endsAt: new Date(start + HOUR).toISOString(),
            timeZone: 'America/Chicago',
            address: 'Lake Park',
            capacity: LEAVERS,
            recurrence: { frequency: 'WEEKLY', count: OCCURRENCES },
          },
        },
        admin.token,
      );
      const before = await occurrences(createEvent.seriesId);
      expect(before).toHaveLength(OCCURRENCES);
      // Each leaver holds a seat at every occurrence; the waiters are next in line at each.
      for (const who of [...leavers, ...waiters]) {
        for (const { id } of before) {
          await stack.gql(
            `mutation($id: ID!) { rsvp(eventId: $id, status: GOING) { status } }`,
            { id },
            who.token,
          );
        }
      }
      expect((await occurrences(createEvent.seriesId)).map((o) => [o.seated, o.waiting])).toEqual(
        before.map(() => [LEAVERS, WAITERS]),
      );

      // At once: one editor moves every occurrence an hour later, another renames them, and the
      // leavers delete their accounts.
      const first = before[0];
      const later = new Date(first.starts_at.getTime() + HOUR);
      const title = `Tuesday walking group, round ${round}`;
      const update = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`;
      const answers = await Promise.all([
        call(
          update,
          {
            id: first.id,
            input: {
              scope: 'ALL_FUTURE',
              startsAt: later.toISOString(),
              endsAt: new Date(later.getTime() + HOUR).toISOString(),
            },
          },
          admin.token,
        ),
        ...leavers.map((who) =>
          call(
            `mutation($p: String!) { deleteMyAccount(password: $p, keepPosts: true) }`,
            { p: PASSWORD },
            who.token,
          ),
        ),
        call(update, { id: first.id, input: { scope: 'ALL_FUTURE', title } }, moderator.token),
      ]);
      expect(answers.filter((a) => a.errors)).toEqual([]);

      // Both edits hold, at every occurrence, and the series keeps its shape.
      const after = await occurrences(createEvent.seriesId);
      expect(after.map((o) => o.title)).toEqual(before.map(() => title));
      expect(after.map((o) => [o.starts_at.getTime() - HOUR, o.ends_at.getTime() - HOUR])).toEqual(
        before.map((o) => [o.starts_at.getTime(), o.ends_at.getTime()]),
      );
      // The leavers' seats went to the waiters, and the counts agree with the rows.
      expect(after.map((o) => [o.seated, o.waiting, o.going_count, o.waitlist_count])).toEqual(
        before.map(() => [WAITERS, 0, WAITERS, 0]),
      );
      const [left] = await stack.sql<{ rsvps: number; departed: number }>(
        `SELECT (SELECT count(*)::int FROM rsvps WHERE user_id = ANY($1::uuid[])) AS rsvps,
                (SELECT count(*)::int FROM users WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL) AS departed`,
        [leavers.map((m) => m.id)],
      );
      expect(left).toEqual({ rsvps: 0, departed: LEAVERS });
      series.push({ seriesId: createEvent.seriesId, ids: after.map((o) => o.id) });
    }

    // Each waiter is told once per seat they were given, and nobody else is.
    const byKey = (a: { user_id: string; url: string }, b: { user_id: string; url: string }) =>
      `${a.url} ${a.user_id}` < `${b.url} ${b.user_id}` ? -1 : 1;
    const notices = async () =>
      (
        await stack.sql<{ user_id: string; url: string; n: number }>(
          `SELECT user_id, url, count(*)::int AS n FROM notifications WHERE type = 'WAITLIST_PROMOTED' GROUP BY user_id, url`,
        )
      ).sort(byKey);
    const expected = series
      .flatMap((s) =>
        s.ids.flatMap((id) => waiters.map((w) => ({ user_id: w.id, url: `/events/${id}`, n: 1 }))),
      )
      .sort(byKey);
    await until(async () => ((await notices()).length >= expected.length ? true : undefined), 30_000);
    await settled(stack);
    expect(await notices()).toEqual(expected);
    console.info(
      `lock order: ${ROUNDS} rounds of 2 series edits and ${LEAVERS} account deletions at once over ${OCCURRENCES} occurrences; no errors, ${expected.length} promotions told once`,
    );
  });
});
