import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { invite, Member, PASSWORD } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token } }`;

/** Counters live in Redis, or in PostgreSQL when the queues do (QUEUE_BACKEND=postgres): both are shared by every replica. */
describe.each(['redis', 'postgres'] as const)('sign-in and registration rate limits (counters on %s)', (backend) => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity({
      env: { AUTH_RATE_LIMIT_PER_EMAIL: '4', AUTH_RATE_LIMIT_PER_IP: '8', QUEUE_BACKEND: backend },
    }));
  });
  afterAll(() => t?.stop());

  it('locks an address after repeated wrong passwords, even with the right one, and says when to retry', async () => {
    // The admin's registration was one attempt for the address; three wrong passwords spend the rest.
    for (let i = 0; i < 3; i++) {
      expect(errorOf(await t.gql(LOGIN, { email: admin.email, password: 'wrong-password!' })).code).toBe('UNAUTHENTICATED');
    }
    const res = await t.gql(LOGIN, { email: admin.email, password: PASSWORD });
    expect(errorOf(res).code).toBe('RATE_LIMITED');
    expect(res.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The counters are where the store says, keyed by a hash (never the address itself).
    const rows: { key: string; points: number }[] = await t.dataSource.query(`SELECT key, points FROM rate_limit_counters WHERE key LIKE '%:rl:auth-email:%'`);
    if (backend === 'redis') expect(rows).toEqual([]);
    else {
      expect(rows.map((r) => r.points)).toEqual([4]);
      expect(rows[0].key).not.toContain(admin.email);
    }
  });

  it('limits attempts per IP across addresses and across sign-in and registration', async () => {
    const code = await invite(t, admin);
    // Distinct client IP through the trusted loopback proxy, so the first test's attempts do not count.
    const send = (query: string, variables: object) =>
      t.http().post('/graphql').set('X-Forwarded-For', '203.0.113.9').send({ query, variables });
    const codes: unknown[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await send(LOGIN, { email: `someone${i}@example.org`, password: 'wrong-password!' });
      codes.push(res.body.errors[0].extensions.code);
    }
    expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));
    const blocked = await send(REGISTER, {
      input: { inviteCode: code, email: 'late@example.org', password: PASSWORD, displayName: 'Late Comer' },
    });
    expect(blocked.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // A different client is unaffected.
    const other = await t.http().post('/graphql').set('X-Forwarded-For', '203.0.113.10').send({
      query: REGISTER,
      variables: { input: { inviteCode: code, email: 'late@example.org', password: PASSWORD, displayName: 'Late Comer' } },
    });
    expect(other.body.data.register.token).toBeTruthy();
  });
});
