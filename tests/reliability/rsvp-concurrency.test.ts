import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { Member, registerAdmin, registerMembers, settled, until } from './support.js';

const MEMBERS = 200;
const SEATS = 20;

/**
 * DESIGN.md's quality bar: 200 simultaneous RSVPs to a 20-seat event leave exactly 20 going and
 * 180 waitlisted in arrival order, with no error; five cancellations at once promote exactly five,
 * in order, each told exactly once. Real HTTP against the built api and worker.
 */
describe('RSVP under concurrency', () => {
  let stack: Stack;
  let admin: Member;
  let members: Member[];
  let eventId: string;

  beforeAll(async () => {
    stack = await Stack.start(
      { AUTH_RATE_LIMIT_PER_IP: '100000', AUTH_RATE_LIMIT_PER_EMAIL: '100000' },
      { web: false },
    );
    admin = await registerAdmin(stack, 'staff@program.example');
    members = await registerMembers(stack, admin, MEMBERS);
    eventId = await createEvent(SEATS);
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const createEvent = async (capacity: number) => {
    const start = Date.now() + 7 * 86_400_000;
    const created = await stack.gql<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Sunrise yoga in the park',
          kind: 'FITNESS',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3600_000).toISOString(),
          timeZone: 'America/Chicago',
          address: 'Lakeside Park pavilion',
          capacity,
        },
      },
      admin.token,
    );
    return created.createEvent.id;
  };
  /** An RSVP over plain HTTP, answering with errors rather than throwing, so a burst reports every one. */
  const rsvp = (who: Member, status: string, id = eventId) =>
    fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
      body: JSON.stringify({
        query: `mutation($id: ID!, $s: RsvpStatus!) { rsvp(eventId: $id, status: $s) { status waitlisted waitlistPosition } }`,
        variables: { id, s: status },
      }),
    }).then((r) => r.json() as Promise<{ data?: { rsvp: { waitlisted: boolean } }; errors?: unknown[] }>);
  /** WAITLIST_PROMOTED notices for an event, per member told. */
  const promotionNotices = async (id: string) =>
    new Map(
      (
        await stack.sql<{ user_id: string; n: number }>(
          `SELECT user_id, count(*)::int AS n FROM notifications WHERE type = 'WAITLIST_PROMOTED' AND url = $1 GROUP BY user_id`,
          [`/events/${id}`],
        )
      ).map((r) => [r.user_id, r.n]),
    );

  it('200 at once: exactly 20 going, 180 waitlisted 1..180 in arrival order, no errors; 5 cancel: 5 promoted in order, told once', async () => {
    const started = performance.now();
    const answers = await Promise.all(members.map((m) => rsvp(m, 'GOING')));
    const ms = Math.round(performance.now() - started);
    const errors = answers.filter((a) => a.errors);
    expect(errors).toEqual([]);

    const rows = async () => {
      const res = await fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({
          query: `query($id: ID!) { event(id: $id) { goingCount waitlistCount attendees { id } } }`,
          variables: { id: eventId },
        }),
      });
      return (
        (await res.json()) as {
          data: { event: { goingCount: number; waitlistCount: number; attendees: { id: string }[] } };
        }
      ).data.event;
    };
    const state = await rows();
    expect(state.goingCount).toBe(SEATS);
    expect(state.attendees).toHaveLength(SEATS);
    expect(state.waitlistCount).toBe(MEMBERS - SEATS);
    expect(answers.filter((a) => a.data?.rsvp.waitlisted === false)).toHaveLength(SEATS);

    // Positions are 1..180, unique, in the order the requests were served (the waitlist sequence).
    const positions = await Promise.all(
      members.map((m) =>
        stack
          .gql<{ event: { viewerRsvp: { waitlisted: boolean; waitlistPosition: number | null } } }>(
            `query($id: ID!) { event(id: $id) { viewerRsvp { waitlisted waitlistPosition } } }`,
            { id: eventId },
            m.token,
          )
          .then((d) => ({ member: m, ...d.event.viewerRsvp })),
      ),
    );
    const waiting = positions
      .filter((p) => p.waitlisted)
      .sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
    expect(waiting.map((p) => p.waitlistPosition)).toEqual(
      Array.from({ length: MEMBERS - SEATS }, (_, i) => i + 1),
    );

    // Five going members cancel at once: the first five in line take their seats, each told once.
    const going = positions.filter((p) => !p.waitlisted).slice(0, 5);
    const cancelled = await Promise.all(going.map((p) => rsvp(p.member, 'NOT_GOING')));
    expect(cancelled.filter((a) => a.errors)).toEqual([]);
    const after = await rows();
    expect([after.goingCount, after.waitlistCount]).toEqual([SEATS, MEMBERS - SEATS - 5]);
    const promotedIds = new Set(after.attendees.map((a) => a.id));
    expect(waiting.slice(0, 5).every((p) => promotedIds.has(p.member.id))).toBe(true);
    expect(waiting.slice(5).some((p) => promotedIds.has(p.member.id))).toBe(false);

    // Each of the five is told once, and nobody else: counted once the queue has drained.
    await until(async () => ((await promotionNotices(eventId)).size >= 5 ? true : undefined));
    await settled(stack);
    const told = await promotionNotices(eventId);
    expect([...told.keys()].sort()).toEqual(
      waiting
        .slice(0, 5)
        .map((p) => p.member.id)
        .sort(),
    );
    expect([...told.values()]).toEqual([1, 1, 1, 1, 1]);
    console.info(
      `RSVP concurrency: ${MEMBERS} requests in ${ms} ms; going ${state.goingCount}, waitlisted ${state.waitlistCount}, errors ${errors.length}; after 5 cancellations: going ${after.goingCount}, waitlisted ${after.waitlistCount}`,
    );
  });

  it('10 cancellations racing 50 RSVPs on a full event, 5 rounds: never over capacity; each freed seat goes to the next in line, told once', async () => {
    const ROUNDS = 5;
    const [CANCELS, IN_LINE, NEWCOMERS] = [10, 15, 50];
    const rounds: { eventId: string; promoted: Member[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A different mix of members each round: seated, already in line, and arriving now.
      const pool = [...members.slice(round * 40), ...members.slice(0, round * 40)];
      const seated = pool.slice(0, SEATS);
      const line = pool.slice(SEATS, SEATS + IN_LINE);
      const newcomers = pool.slice(SEATS + IN_LINE, SEATS + IN_LINE + NEWCOMERS);
      const id = await createEvent(SEATS);
      expect(
        (await Promise.all(seated.map((m) => rsvp(m, 'GOING', id)))).map((a) => a.data?.rsvp.waitlisted),
      ).toEqual(seated.map(() => false));
      for (const m of line) expect((await rsvp(m, 'GOING', id)).data?.rsvp.waitlisted).toBe(true);
      const leaving = seated.slice(0, CANCELS);

      // While the burst runs, the committed state is read over and over: it must never show more
      // members seated than seats, nor a count that disagrees with the rows.
      const samples: { capacity: number; going_count: number; seated: number }[] = [];
      let bursting = true;
      const watcher = new pg.Client({ connectionString: stack.env.DATABASE_URL });
      await watcher.connect();
      const watching = (async () => {
        while (bursting) {
          const { rows } = await watcher.query<{ capacity: number; going_count: number; seated: number }>(
            `SELECT e.capacity, e.going_count,
                    (SELECT count(*)::int FROM rsvps r WHERE r.event_id = e.id AND r.status = 'GOING' AND NOT r.waitlisted) AS seated
               FROM events e WHERE e.id = $1`,
            [id],
          );
          samples.push(rows[0]);
        }
      })();
      // One cancellation among every five arrivals, all sent at once.
      const burst = newcomers.flatMap((m, i) =>
        i % 5 === 0 ? [rsvp(leaving[i / 5], 'NOT_GOING', id), rsvp(m, 'GOING', id)] : [rsvp(m, 'GOING', id)],
      );
      const answers = await Promise.all(burst);
      bursting = false;
      await watching;
      await watcher.end();

      expect(answers.filter((a) => a.errors)).toEqual([]);
      expect(samples.length).toBeGreaterThan(0);
      expect(samples.filter((s) => s.seated > SEATS || s.going_count !== s.seated)).toEqual([]);
      // The first ten in line took the ten seats; the other five in line come first, then every newcomer.
      const rows = await stack.sql<{ user_id: string; status: string; waitlisted: boolean }>(
        `SELECT user_id, status, waitlisted FROM rsvps WHERE event_id = $1 ORDER BY waitlist_seq NULLS FIRST`,
        [id],
      );
      const seatedNow = rows.filter((r) => r.status === 'GOING' && !r.waitlisted).map((r) => r.user_id);
      expect(seatedNow.sort()).toEqual(
        [...seated.slice(CANCELS), ...line.slice(0, CANCELS)].map((m) => m.id).sort(),
      );
      const inLine = rows.filter((r) => r.waitlisted).map((r) => r.user_id);
      expect(inLine.slice(0, IN_LINE - CANCELS)).toEqual(line.slice(CANCELS).map((m) => m.id));
      expect(inLine.slice(IN_LINE - CANCELS).sort()).toEqual(newcomers.map((m) => m.id).sort());
      const [counts] = await stack.sql<{ going_count: number; waitlist_count: number }>(
        `SELECT going_count, waitlist_count FROM events WHERE id = $1`,
        [id],
      );
      expect(counts).toEqual({ going_count: SEATS, waitlist_count: IN_LINE - CANCELS + NEWCOMERS });
      rounds.push({ eventId: id, promoted: line.slice(0, CANCELS) });
    }

    // Once the queue has drained: one notice per freed seat, to the member who took it, and no other.
    await until(async () => {
      const told = await Promise.all(rounds.map((r) => promotionNotices(r.eventId)));
      return told.every((t) => t.size >= CANCELS) ? true : undefined;
    });
    await settled(stack);
    for (const { eventId: id, promoted } of rounds) {
      const told = await promotionNotices(id);
      expect([...told.keys()].sort()).toEqual(promoted.map((m) => m.id).sort());
      expect([...told.values()]).toEqual(promoted.map(() => 1));
    }
    console.info(
      `RSVP races: ${ROUNDS} rounds of ${CANCELS} cancellations among ${NEWCOMERS} RSVPs; never over ${SEATS} seats; ${ROUNDS * CANCELS} promotions, each told once`,
    );
  });
});
