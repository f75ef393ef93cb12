import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, invite, Member, PASSWORD, register } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { normalizeInviteCode, sha256 } from '../../common/crypto';
import { CREATE_INVITE, REGISTER } from './accounts.test-ops';

/** Admins invite; an invite is the only way in: registering with one, and every way registering is refused. */
describe('accounts', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;

  beforeAll(async () => {
    ({ t, admin, members: [member] } = await startCommunity({ members: 1 }));
  });
  afterAll(() => t?.stop());

  describe('createInvite', () => {
    it('needs a session', async () => {
      expect(errorOf(await t.gql(CREATE_INVITE, { input: {} })).code).toBe('UNAUTHENTICATED');
    });

    it('is for admins only', async () => {
      const moderator = await createMember(t, admin, 'MODERATOR');
      for (const who of [member, moderator]) {
        expect(errorOf(await t.gql(CREATE_INVITE, { input: {} }, who.token)).code).toBe('FORBIDDEN');
      }
    });

    it('rejects bad input naming the field', async () => {
      const cases = [
        [{ expiresInDays: 0 }, 'expiresInDays'],
        [{ expiresInDays: 91 }, 'expiresInDays'],
        [{ email: 'not-an-email' }, 'email'],
      ] as const;
      for (const [input, field] of cases) {
        const error = errorOf(await t.gql(CREATE_INVITE, { input }, admin.token));
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(error.message).toMatch(/[A-Z].*\.$/);
      }
    });

    it('returns a single-use code that expires in 14 days by default', async () => {
      const { createInvite } = await t.ok<{
        createInvite: { code: string; codeHint: string; role: string; expiresAt: string; status: string };
      }>(CREATE_INVITE, { input: {} }, admin.token);
      expect(createInvite.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(createInvite.codeHint).toBe(`${createInvite.code.slice(0, 4)}…`);
      expect(createInvite.role).toBe('MEMBER');
      expect(createInvite.status).toBe('ACTIVE');
      const days = (new Date(createInvite.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThan(14.1);
    });

    it('lists invites for admins without the code itself', async () => {
      const { invites } = await t.ok<{ invites: { edges: { node: { code: string | null; codeHint: string } }[] } }>(
        `{ invites(first: 100) { edges { node { code codeHint status } } } }`,
        {},
        admin.token,
      );
      expect(invites.edges.length).toBeGreaterThan(0);
      expect(invites.edges.every((e) => e.node.code === null)).toBe(true);
      expect(errorOf(await t.gql(`{ invites { edges { cursor } } }`, {}, member.token)).code).toBe('FORBIDDEN');
    });

    it('a revoked invite can no longer be used', async () => {
      const { createInvite } = await t.ok<{ createInvite: { id: string; code: string } }>(CREATE_INVITE, { input: {} }, admin.token);
      await t.ok(`mutation($id: ID!) { revokeInvite(id: $id) { status } }`, { id: createInvite.id }, admin.token);
      const res = await t.gql(REGISTER, {
        input: { inviteCode: createInvite.code, email: 'revoked@example.org', password: PASSWORD, displayName: 'Revoked' },
      });
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
    });
  });

  describe('register', () => {
    const input = (inviteCode: string, extra: Record<string, unknown> = {}) => ({
      inviteCode,
      email: `new${Math.random().toString(36).slice(2, 8)}@example.org`,
      password: PASSWORD,
      displayName: `New ${Math.random().toString(36).slice(2, 8)}`,
      ...extra,
    });

    it('registers with an invite, taking its role, and returns a working token', async () => {
      const code = await invite(t, admin, 'MODERATOR');
      const { register } = await t.ok<{ register: { token: string; user: { role: string; email: string } } }>(REGISTER, {
        input: input(code.toLowerCase().replace(/-/g, ' '), { email: 'Mixed.Case@Example.org', timeZone: 'Europe/Berlin' }),
      });
      expect(register.user.role).toBe('MODERATOR');
      expect(register.user.email).toBe('mixed.case@example.org');
      const { me } = await t.ok<{ me: { timeZone: string } }>('{ me { timeZone } }', {}, register.token);
      expect(me.timeZone).toBe('Europe/Berlin');
    });

    it('refuses a reused invite', async () => {
      const code = await invite(t, admin);
      await t.ok(REGISTER, { input: input(code) });
      const error = errorOf(await t.gql(REGISTER, { input: input(code) }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
      expect(error.message).toMatch(/already been used/);
    });

    it('refuses an expired invite', async () => {
      const code = await invite(t, admin);
      await t.dataSource.query(`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL`);
      const error = errorOf(await t.gql(REGISTER, { input: input(code) }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
      expect(error.message).toMatch(/expired/);
    });

    it('refuses an unknown invite', async () => {
      expect(errorOf(await t.gql(REGISTER, { input: input('AAAAA-BBBBB-CCCCC') }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'inviteCode',
      });
    });

    it('refuses an invite issued for another email', async () => {
      const code = await invite(t, admin, 'MEMBER', 'someone@example.org');
      expect(errorOf(await t.gql(REGISTER, { input: input(code) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    });

    it('refuses a taken display name (any case), leaving the invite unused', async () => {
      const code = await invite(t, admin);
      expect(
        errorOf(await t.gql(REGISTER, { input: input(code, { displayName: member.displayName.toUpperCase() }) })),
      ).toMatchObject({ code: 'CONFLICT', field: 'displayName' });
      // Nothing was half-written: the same code still works.
      await t.ok(REGISTER, { input: input(code) });
    });

    it('refuses display names that look like a member\'s, above all a staff member\'s (Unicode confusables)', async () => {
      const staff = await register(t, await invite(t, admin, 'MODERATOR'), 'staff');
      await t.ok(`mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName: 'Sam M' } }, staff.token);
      // A Cyrillic Em, a fullwidth S, "rn" for "m", and a dropped space.
      for (const lookalike of ['Sam \u041C', '\uFF33am M', 'Sarn M', 'SamM']) {
        const error = errorOf(await t.gql(REGISTER, { input: input(await invite(t, admin), { displayName: lookalike }) }));
        expect(error, lookalike).toMatchObject({ code: 'CONFLICT', field: 'displayName' });
        expect(error.message, lookalike).toMatch(/looks too much like a staff member's/);
      }
      const other = await createMember(t, admin);
      const renamed = await t.gql(`mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName: 'S\u0430m M' } }, other.token);
      expect(errorOf(renamed)).toMatchObject({ code: 'CONFLICT', field: 'displayName' });
      // A member's own name may change case, and a name that only shares letters is fine.
      await t.ok(`mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName: 'SAM M' } }, staff.token);
      await t.ok(REGISTER, { input: input(await invite(t, admin), { displayName: 'Sam N' }) });
      const lookalikeOfMember = errorOf(await t.gql(REGISTER, { input: input(await invite(t, admin), { displayName: 'Sarn N' }) }));
      expect(lookalikeOfMember.message).toMatch(/looks too much like another member's/);
    });

    it("answers an existing email (any case) exactly as a spent invite, and spends the invite: nobody learns whose email has an account", async () => {
      const spent = await invite(t, admin);
      await t.ok(REGISTER, { input: input(spent) });
      const reusedInvite = await t.gql(REGISTER, { input: input(spent) });

      const code = await invite(t, admin);
      const existingEmail = await t.gql(REGISTER, { input: input(code, { email: member.email.toUpperCase() }) });
      expect(existingEmail).toEqual(reusedInvite);
      expect(errorOf(existingEmail)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
      // The invite cannot be used for the next guess.
      expect(await t.gql(REGISTER, { input: input(code, { email: 'next-guess@example.org' }) })).toEqual(reusedInvite);
      const [row]: { used_at: Date | null; used_by: string | null }[] = await t.dataSource.query(
        `SELECT used_at, used_by FROM invites WHERE code_hash = $1`,
        [sha256(normalizeInviteCode(code))],
      );
      expect(row.used_at).not.toBeNull();
      expect(row.used_by).toBeNull();
    });

    it.each([
      [{ password: 'short' }, 'password'],
      [{ email: 'nope' }, 'email'],
      [{ displayName: 'x' }, 'displayName'],
      [{ displayName: '<script>' }, 'displayName'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ inviteCode: '' }, 'inviteCode'],
    ])('rejects %o naming the field', async (extra, field) => {
      const code = await invite(t, admin);
      const error = errorOf(await t.gql(REGISTER, { input: input(code, extra) }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });
});
