import { createRequire } from 'node:module';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLArgument, GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { TestSmtp } from '../../../test/smtp';
import { createAdmin, createMember, invite, Member, PASSWORD } from '../../../test/factories';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const SESSIONS = `{ mySessions { id deviceHint createdAt lastUsedAt current } }`;
const ME = `{ me { id } }`;
const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
const ADMIN_LINK = `mutation($u: ID!) { createPasswordResetLink(userId: $u) { url expiresAt } }`;
const NEW_PASSWORD = 'a-brand-new-password';

// The CommonJS build, the same copy Nest built the schema with (the ESM copy would refuse its types).
const { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType } = createRequire(
  __filename,
)('graphql') as typeof import('graphql');

const SIGN_IN_FIRST = 'Please sign in to continue.';

/** Operations a signed-out visitor needs: sign-in, registration, password reset, email unsubscribe. */
const PUBLIC_OPERATIONS = new Set([
  'Query.me',
  'Query.passwordResetByEmail',
  'Mutation.register',
  'Mutation.login',
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  'Mutation.unsubscribe',
]);

describe('sessions, passwords and signed-out visitors', () => {
  let t: TestHarness;
  let smtp: TestSmtp;
  let admin: Member;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestHarness.start({ SMTP_URL: smtp.url, WEB_ORIGIN: 'https://kinship.example.org' });
    await t.startWorker();
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const login = async (m: Member, password = m.password, userAgent = 'Mozilla/5.0 (Android 14) Firefox/130.0') => {
    const res = await t
      .http()
      .post('/graphql')
      .set('User-Agent', userAgent)
      .send({ query: LOGIN, variables: { email: m.email, password } });
    return (res.body as { data?: { login: { token: string } } }).data?.login.token;
  };
  const signedIn = async (token: string) => ((await t.gql<{ me: unknown }>(ME, {}, token)).data?.me ?? null) !== null;
  const tokenFromLink = (url: string) => new URL(url).searchParams.get('token')!;

  it('lists the member’s own sessions, signs one out, or all of them', async () => {
    const m = await createMember(t, admin);
    const phone = (await login(m))!;
    const other = await createMember(t, admin);
    const { mySessions } = await t.ok<{ mySessions: any[] }>(SESSIONS, {}, m.token);
    expect(mySessions).toHaveLength(2);
    expect(mySessions.find((s) => !s.current)).toMatchObject({ deviceHint: 'Firefox on Android' });
    expect(JSON.stringify(mySessions)).not.toContain(phone);

    const phoneId = mySessions.find((s) => !s.current).id;
    // Someone else's session id is simply not found.
    expect(errorOf(await t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: phoneId }, other.token)).code).toBe('NOT_FOUND');
    expect(await signedIn(phone)).toBe(true);
    await t.ok(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: phoneId }, m.token);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(m.token)).toBe(true);

    const laptop = (await login(m))!;
    expect(await t.ok(`mutation { signOutEverywhere }`, {}, laptop)).toEqual({ signOutEverywhere: 2 });
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(m.token)).toBe(false);
  });

  it('changing the password signs out every other session, not this one', async () => {
    const m = await createMember(t, admin);
    const other = (await login(m))!;
    const wrong = await t.gql(CHANGE, { i: { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD } }, m.token);
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await t.gql(CHANGE, { i: { currentPassword: PASSWORD, newPassword: 'short' } }, m.token);
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(await signedIn(other)).toBe(true);

    await t.ok(CHANGE, { i: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, m.token);
    expect(await signedIn(m.token)).toBe(true);
    expect(await signedIn(other)).toBe(false);
    expect(await login(m, PASSWORD)).toBeUndefined();
    expect(await login(m, NEW_PASSWORD)).toBeDefined();
  });

  it('registering with an existing email tells its owner by email (and only them), with no link that signs anyone in', async () => {
    const m = await createMember(t, admin);
    const code = await invite(t, admin);
    const res = await t.gql(
      `mutation($input: RegisterInput!) { register(input: $input) { token } }`,
      { input: { inviteCode: code, email: m.email, password: PASSWORD, displayName: `Guess ${Date.now().toString(36)}` } },
    );
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inviteCode' });
    await t.settled();
    const mails = smtp.to(m.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Someone tried to register with your email');
    expect(mails[0].text).toContain('https://kinship.example.org/signin');
    expect(mails[0].text).not.toMatch(/token=/);
  });

  it('forgot password: a hashed, single-use link by email; the same answer for unknown addresses', async () => {
    const m = await createMember(t, admin);
    const elsewhere = (await login(m))!;
    expect(await t.ok(REQUEST, { e: 'nobody-here@example.org' })).toEqual({ requestPasswordReset: true });
    expect(await t.ok(REQUEST, { e: m.email.toUpperCase() })).toEqual({ requestPasswordReset: true });
    await t.settled();
    expect(smtp.to('nobody-here@example.org')).toHaveLength(0);
    const [mail] = smtp.to(m.email);
    expect(mail.subject).toBe('Reset your Kinship password');
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined();
    const link = /https:\/\/kinship\.example\.org\/reset-password\?token=\S+/.exec(mail.text ?? '')![0];
    const token = tokenFromLink(link);
    // Only the hash is stored.
    const stored: { token_hash: string }[] = await t.dataSource.query(`SELECT token_hash FROM password_resets WHERE user_id = $1`, [m.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    const short = await t.gql(RESET, { i: { token, newPassword: 'short' } });
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(await t.ok(RESET, { i: { token, newPassword: NEW_PASSWORD } })).toEqual({ resetPassword: true });
    // Every session is signed out, the new password works, the link works only once.
    expect(await signedIn(m.token)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);
    expect(await login(m, NEW_PASSWORD)).toBeDefined();
    const again = await t.gql(RESET, { i: { token, newPassword: 'yet-another-password' } });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorOf(await t.gql(RESET, { i: { token: 'made-up', newPassword: NEW_PASSWORD } }))).toMatchObject({ field: 'token' });
  });

  it('reset links expire after an hour; admins can issue one; members cannot', async () => {
    const m = await createMember(t, admin);
    const moderator = await createMember(t, admin, 'MODERATOR');
    expect(errorOf(await t.gql(ADMIN_LINK, { u: m.id }, moderator.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(ADMIN_LINK, { u: m.id }, m.token)).code).toBe('FORBIDDEN');
    const { createPasswordResetLink: link } = await t.ok<{ createPasswordResetLink: { url: string; expiresAt: string } }>(
      ADMIN_LINK,
      { u: m.id },
      admin.token,
    );
    expect(link.url).toMatch(/^https:\/\/kinship\.example\.org\/reset-password\?token=/);
    const minutes = (new Date(link.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);

    await t.dataSource.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [m.id]);
    const expired = await t.gql(RESET, { i: { token: tokenFromLink(link.url), newPassword: NEW_PASSWORD } });
    expect(errorOf(expired)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(await signedIn(m.token)).toBe(true);
  });

  it('with email off, forgot password says to ask an admin', async () => {
    const noEmail = await TestHarness.start();
    try {
      expect(await noEmail.ok(`{ passwordResetByEmail }`)).toEqual({ passwordResetByEmail: false });
      const res = await noEmail.gql(REQUEST, { e: 'someone@example.org' });
      expect(errorOf(res).code).toBe('FORBIDDEN');
      expect(errorOf(res).message).toMatch(/ask an admin/);
    } finally {
      await noEmail.stop();
    }
    expect(await t.ok(`{ passwordResetByEmail }`)).toEqual({ passwordResetByEmail: true });
  });

  it('refuses every operation to signed-out visitors except the few sign-in needs', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const checked: string[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        const name = `${root.name}.${field.name}`;
        const variables = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type)]));
        const params = field.args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
        const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
        const op = root.name === 'Query' ? 'query' : 'mutation';
        const query = `${op}${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
        const res = await t.gql(query, variables);
        const { code, message } = errorOf(res);
        if (PUBLIC_OPERATIONS.has(name)) {
          // It may still refuse (a wrong password is UNAUTHENTICATED too), but not for want of a session.
          expect(message ?? '', name).not.toBe(SIGN_IN_FIRST);
        } else {
          expect(code, `${name} answered a signed-out visitor: ${JSON.stringify(res)}`).toBe('UNAUTHENTICATED');
          expect(message, name).toBe(SIGN_IN_FIRST);
          expect(res.data?.[field.name as never] ?? null, name).toBeNull();
        }
        checked.push(name);
      }
    }
    expect(checked.length).toBeGreaterThan(90);
    expect(checked.filter((n) => !PUBLIC_OPERATIONS.has(n)).length).toBe(checked.length - PUBLIC_OPERATIONS.size);
  });
});

/** A value of the right GraphQL type, so the request reaches the resolver's guard. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date().toISOString();
      case 'Date':
        return new Date().toISOString().slice(0, 10);
      default:
        return 'x';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}
