import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';

const PASSWORD = 'a-long-enough-password';
const MEMBERS = 200;
const SEATS = 20;

interface Member {
  id: string;
  token: string;
}

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
    stack = await Stack.start({ AUTH_RATE_LIMIT_PER_IP: '100000', AUTH_RATE_LIMIT_PER_EMAIL: '100000' }, { web: false });
    const code = await stack.createAdminInvite('staff@program.example');
    const register = (inviteCode: string, email: string, displayName: string) =>
      stack
        .gql<{ register: { token: string; user: { id: string } } }>(
          `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
          { input: { inviteCode, email, password: PASSWORD, displayName } },
        )
        .then((d) => ({ id: d.register.user.id, token: d.register.token }));
    admin = await register(code, 'staff@program.example', 'Program Staff');
    const codes: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const d = await stack.gql<{ createInvite: { code: string } }>(`mutation { createInvite(input: {}) { code } }`, {}, admin.token);
      codes.push(d.createInvite.code);
    }
    members = [];
    for (let i = 0; i < MEMBERS; i += 20) {
      members.push(...(await Promise.all(codes.slice(i, i + 20).map((c, j) => register(c, `m${i + j}@example.org`, `Member ${i + j}`)))));
    }
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
          capacity: SEATS,
        },
      },
      admin.token,
    );
    eventId = created.createEvent.id;
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('200 at once: exactly 20 going, 180 waitlisted 1..180 in arrival order, no errors; 5 cancel: 5 promoted in order, told once', async () => {
    const rsvp = (who: Member, status: string) =>
      fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $s: RsvpStatus!) { rsvp(eventId: $id, status: $s) { status waitlisted waitlistPosition } }`,
          variables: { id: eventId, s: status },
        }),
      }).then((r) => r.json() as Promise<{ data?: { rsvp: { waitlisted: boolean } }; errors?: unknown[] }>);

    const started = performance.now();
    const answers = await Promise.all(members.map((m) => rsvp(m, 'GOING')));
    const ms = Math.round(performance.now() - started);
    const errors = answers.filter((a) => a.errors);
    expect(errors).toEqual([]);

    const rows = async () => {
      const res = await fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: `query($id: ID!) { event(id: $id) { goingCount waitlistCount attendees { id } } }`, variables: { id: eventId } }),
      });
      return ((await res.json()) as { data: { event: { goingCount: number; waitlistCount: number; attendees: { id: string }[] } } }).data.event;
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
    const waiting = positions.filter((p) => p.waitlisted).sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
    expect(waiting.map((p) => p.waitlistPosition)).toEqual(Array.from({ length: MEMBERS - SEATS }, (_, i) => i + 1));

    // Five going members cancel at once: the first five in line take their seats, each told once.
    const going = positions.filter((p) => !p.waitlisted).slice(0, 5);
    const cancelled = await Promise.all(going.map((p) => rsvp(p.member, 'NOT_GOING')));
    expect(cancelled.filter((a) => a.errors)).toEqual([]);
    const after = await rows();
    expect([after.goingCount, after.waitlistCount]).toEqual([SEATS, MEMBERS - SEATS - 5]);
    const promotedIds = new Set(after.attendees.map((a) => a.id));
    expect(waiting.slice(0, 5).every((p) => promotedIds.has(p.member.id))).toBe(true);
    expect(waiting.slice(5).some((p) => promotedIds.has(p.member.id))).toBe(false);

    const deadline = Date.now() + 20_000;
    const told = async (m: Member) =>
      (
        await stack.gql<{ notifications: { edges: { node: { type: string } }[] } }>(
          `{ notifications(first: 50) { edges { node { type } } } }`,
          {},
          m.token,
        )
      ).notifications.edges.filter((e) => e.node.type === 'WAITLIST_PROMOTED').length;
    let counts: number[] = [];
    while (Date.now() < deadline) {
      counts = await Promise.all(waiting.slice(0, 6).map((p) => told(p.member)));
      if (counts.slice(0, 5).every((c) => c === 1)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(counts).toEqual([1, 1, 1, 1, 1, 0]);
    console.info(
      `RSVP concurrency: ${MEMBERS} requests in ${ms} ms; going ${state.goingCount}, waitlisted ${state.waitlistCount}, errors ${errors.length}; after 5 cancellations: going ${after.goingCount}, waitlisted ${after.waitlistCount}`,
    );
  });
});
