import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createAdmin, createMember, invite, Member, PASSWORD, register } from '../../../test/factories';
import { normalizeInviteCode, sha256 } from '../../common/crypto';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id displayName role email } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } } }`;
const CREATE_INVITE = `mutation($input: CreateInviteInput!) { createInvite(input: $input) { id code codeHint role expiresAt status } }`;
const SET_ROLE = `mutation($userId: ID!, $role: Role!) { setRole(userId: $userId, role: $role) { id role } }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio pronouns timeZone } }`;

describe('accounts', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;

  beforeAll(async () => {
    t = await TestHarness.start();
    admin = await createAdmin(t);
    member = await createMember(t, admin);
  });
  afterAll(() => t?.stop());

  describe('me and user', () => {
    it('me is null when signed out, and the viewer (with private fields) when signed in', async () => {
      expect(await t.ok('{ me { id } }')).toEqual({ me: null });
      const { me } = await t.ok<{ me: { id: string; email: string; role: string } }>('{ me { id email role } }', {}, member.token);
      expect(me).toEqual({ id: member.id, email: member.email, role: 'MEMBER' });
    });

    it('user needs a session', async () => {
      expect(errorOf(await t.gql(`query($id: ID!) { user(id: $id) { id } }`, { id: member.id })).code).toBe('UNAUTHENTICATED');
    });

    it("user shows another member's public profile without their email", async () => {
      const { user } = await t.ok<{ user: { displayName: string; email: string | null } }>(
        `query($id: ID!) { user(id: $id) { displayName email } }`,
        { id: admin.id },
        member.token,
      );
      expect(user).toEqual({ displayName: admin.displayName, email: null });
    });

    it('user is null for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        expect(await t.ok(`query($id: ID!) { user(id: $id) { id } }`, { id }, member.token)).toEqual({ user: null });
      }
    });

    it('a garbage bearer token is treated as signed out', async () => {
      expect(await t.ok('{ me { id } }', {}, 'x'.repeat(43))).toEqual({ me: null });
    });
  });

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

  describe('login and logout', () => {
    it('signs in with the right password, in any email case', async () => {
      const { login } = await t.ok<{ login: { token: string; user: { id: string } } }>(LOGIN, {
        email: member.email.toUpperCase(),
        password: PASSWORD,
      });
      expect(login.user.id).toBe(member.id);
      expect(login.token).not.toBe(member.token);
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const wrongPassword = errorOf(await t.gql(LOGIN, { email: member.email, password: 'wrong-password-123' }));
      const unknownEmail = errorOf(await t.gql(LOGIN, { email: 'nobody@example.org', password: 'wrong-password-123' }));
      expect(wrongPassword.code).toBe('UNAUTHENTICATED');
      expect(unknownEmail).toEqual(wrongPassword);
    });

    it('logout needs a session and revokes only the current token', async () => {
      expect(errorOf(await t.gql('mutation { logout }')).code).toBe('UNAUTHENTICATED');
      const { login } = await t.ok<{ login: { token: string } }>(LOGIN, { email: member.email, password: PASSWORD });
      expect(await t.ok('mutation { logout }', {}, login.token)).toEqual({ logout: true });
      expect(await t.ok('{ me { id } }', {}, login.token)).toEqual({ me: null });
      expect(errorOf(await t.gql('mutation { logout }', {}, login.token)).code).toBe('UNAUTHENTICATED');
      expect(await t.ok<{ me: { id: string } }>('{ me { id } }', {}, member.token)).toEqual({ me: { id: member.id } });
    });
  });

  describe('setRole', () => {
    it('needs a session and the admin role', async () => {
      expect(errorOf(await t.gql(SET_ROLE, { userId: member.id, role: 'MODERATOR' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(SET_ROLE, { userId: member.id, role: 'MODERATOR' }, member.token)).code).toBe('FORBIDDEN');
    });

    it('rejects an unknown role, an unknown member and changing your own role', async () => {
      expect(errorOf(await t.gql(SET_ROLE, { userId: member.id, role: 'OWNER' }, admin.token)).code).toBe('BAD_USER_INPUT');
      expect(
        errorOf(await t.gql(SET_ROLE, { userId: '00000000-0000-4000-8000-000000000000', role: 'MEMBER' }, admin.token)).code,
      ).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(SET_ROLE, { userId: admin.id, role: 'MEMBER' }, admin.token)).code).toBe('FORBIDDEN');
    });

    it('changes the role, which takes effect on existing sessions', async () => {
      const other = await createMember(t, admin);
      expect(await t.ok(SET_ROLE, { userId: other.id, role: 'ADMIN' }, admin.token)).toEqual({
        setRole: { id: other.id, role: 'ADMIN' },
      });
      await t.ok(CREATE_INVITE, { input: {} }, other.token);
    });
  });

  describe('updateProfile', () => {
    it('needs a session', async () => {
      expect(errorOf(await t.gql(UPDATE_PROFILE, { input: { bio: 'hi' } })).code).toBe('UNAUTHENTICATED');
    });

    it('rejects bad input naming the field', async () => {
      expect(errorOf(await t.gql(UPDATE_PROFILE, { input: { bio: 'x'.repeat(1001) } }, member.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'bio',
      });
      expect(errorOf(await t.gql(UPDATE_PROFILE, { input: { timeZone: 'Nowhere' } }, member.token)).field).toBe('timeZone');
      expect(
        errorOf(await t.gql(UPDATE_PROFILE, { input: { displayName: admin.displayName.toLowerCase() } }, member.token)),
      ).toMatchObject({ code: 'CONFLICT', field: 'displayName' });
    });

    it('updates only the fields given, and clears with an empty string', async () => {
      const me = await register(t, await invite(t, admin), 'profile');
      const first = await t.ok<{ updateProfile: Record<string, string | null> }>(
        UPDATE_PROFILE,
        { input: { bio: '  Hiking and tea.  ', pronouns: 'she/her', timeZone: 'America/Chicago' } },
        me.token,
      );
      expect(first.updateProfile).toMatchObject({ displayName: me.displayName, bio: 'Hiking and tea.', pronouns: 'she/her', timeZone: 'America/Chicago' });
      const second = await t.ok<{ updateProfile: Record<string, string | null> }>(UPDATE_PROFILE, { input: { pronouns: '' } }, me.token);
      expect(second.updateProfile).toMatchObject({ bio: 'Hiking and tea.', pronouns: null });
    });
  });
});
