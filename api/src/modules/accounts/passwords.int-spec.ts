import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createMember, Member, PASSWORD } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

/** The parameters a stored hash records, in PHC format: `$argon2id$v=19$m=19456,p=1,t=2$salt$hash` (any order). */
function argon2Parameters(hash: string): {
  variant: string;
  version: number;
  m: number;
  t: number;
  p: number;
} {
  const found =
    /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
  if (!found) throw new Error(`not an argon2 hash in PHC format: ${hash.slice(0, 40)}`);
  const [, variant, version, list] = found;
  const params = Object.fromEntries(
    list
      .split(',')
      .map((pair) => pair.split('='))
      .map(([key, value]) => [key, Number(value)]),
  );
  return { variant, version: Number(version), m: params.m, t: params.t, p: params.p };
}

/**
 * Passwords are stored as argon2id with at least OWASP's parameters (19 MiB, 2 passes, 1 lane)
 * when the api runs with the production configuration, read from the hashes it actually writes.
 */
describe('password hashing under the production configuration', () => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity({ env: { NODE_ENV: 'production' } }));
  });
  afterAll(() => t?.stop());

  const storedHash = async (userId: string): Promise<string> => {
    const [row]: { password_hash: string }[] = await t.dataSource.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [userId],
    );
    return row.password_hash;
  };
  const expectStrong = (hash: string) => {
    const params = argon2Parameters(hash);
    expect(params).toMatchObject({ variant: 'argon2id', version: 19, p: 1 });
    expect(params.m).toBeGreaterThanOrEqual(19 * 1024);
    expect(params.t).toBeGreaterThanOrEqual(2);
  };

  it('runs with the production configuration', () => {
    expect(t.config.env).toBe('production');
  });

  it('registration stores an argon2id hash with m >= 19 MiB, t >= 2, p = 1, and it signs in', async () => {
    const member = await createMember(t, admin);
    const hash = await storedHash(member.id);
    expectStrong(hash);
    expect(hash).not.toContain(PASSWORD);
    const login = await t.ok<{ login: { token: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      {
        e: member.email,
        p: PASSWORD,
      },
    );
    expect(login.login.token.length).toBeGreaterThan(20);
  });

  it('a changed password and a reset one are hashed the same way', async () => {
    const member = await createMember(t, admin);
    const before = await storedHash(member.id);
    await t.ok(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`,
      { i: { currentPassword: PASSWORD, newPassword: 'another-long-password' } },
      member.token,
    );
    const changed = await storedHash(member.id);
    expect(changed).not.toBe(before);
    expectStrong(changed);

    const { createPasswordResetLink } = await t.ok<{ createPasswordResetLink: { url: string } }>(
      `mutation($u: ID!) { createPasswordResetLink(userId: $u) { url } }`,
      { u: member.id },
      admin.token,
    );
    const token = new URL(createPasswordResetLink.url).searchParams.get('token')!;
    await t.ok(`mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`, {
      i: { token, newPassword: 'a-third-long-password' },
    });
    const reset = await storedHash(member.id);
    expect(reset).not.toBe(changed);
    expectStrong(reset);
  });
});
