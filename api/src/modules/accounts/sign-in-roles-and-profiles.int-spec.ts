import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, invite, Member, PASSWORD, register } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { CREATE_INVITE, LOGIN, SET_ROLE, UPDATE_PROFILE } from './accounts.test-ops';

/** Who the viewer is (me, user), signing in and out, roles, and editing a profile. */
describe('accounts', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;

  beforeAll(async () => {
    ({ t, admin, members: [member] } = await startCommunity({ members: 1 }));
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

    it('fields that depend on the viewer work on the user returned by login', async () => {
      const member = await createMember(t, admin);
      const res = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { viewerFollows recoveryStart posts { edges { cursor } } } } }`, {
        e: member.email,
        p: member.password,
      });
      expect(res.errors).toBeUndefined();
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
