import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../test/harness';
import { createAdmin, createCategory, createMember, createThread, invite, Member, PASSWORD, reply } from '../../test/factories';
import { objectsIn, selectEverything } from '../../test/schema-walk';

/**
 * A field's viewer is the request's signed-in viewer, never the object being resolved. The sign-in
 * answers (login, register) adopt the new session for their own request; everything nested below
 * them, and below user(id), must read as that member. These tests ask for every field reachable
 * from those answers and look for another member's private data anywhere in what comes back.
 */
describe('the viewer boundary', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let reader: Member;
  let owner: { id: string; email: string; displayName: string };
  let everything: (type: string) => string;
  let hiddenPostId: string;
  let ownerThreadId: string;
  const ownerSecrets = {
    recoveryStart: '2019-02-03',
    timeZone: 'Pacific/Chatham',
    hiddenBody: 'hidden-text-that-only-its-author-may-read',
    contentWarning: 'warning-on-a-hidden-post',
  };

  beforeAll(async () => {
    // The walk asks for a lot in one document: these limits have their own tests (graphql.int-spec.ts).
    t = await TestHarness.start({ GRAPHQL_MAX_DEPTH: '50', GRAPHQL_MAX_COST: '1000000', GRAPHQL_MAX_FIELDS: '1000000', GRAPHQL_MAX_TOKENS: '1000000' });
    await t.startWorker();
    admin = await createAdmin(t);
    moderator = await createMember(t, admin, 'MODERATOR');
    reader = await createMember(t, admin);
    const categoryId = await createCategory(t, admin);

    // The owner: a private recovery date, a time zone and topic filters, and a post a moderator hid.
    const code = await invite(t, admin);
    const displayName = `owner${Date.now().toString(36)}`;
    const email = `${displayName}@example.org`;
    const registered = await t.ok<{ register: { token: string; user: { id: string } } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`,
      { input: { inviteCode: code, email, password: PASSWORD, displayName, timeZone: ownerSecrets.timeZone } },
    );
    owner = { id: registered.register.user.id, email, displayName };
    const ownerToken = registered.register.token;
    await t.ok(`mutation { setRecoveryStart(date: "${ownerSecrets.recoveryStart}", visibility: ONLY_ME, announce: false) { daysSober } }`, {}, ownerToken);
    await t.ok(`mutation { setTopicFilters(topics: [GAMBLING]) }`, {}, ownerToken);
    ({ threadId: ownerThreadId } = await createThread(t, { ...owner, token: ownerToken, password: PASSWORD }, categoryId, 'A thread everyone can read'));
    const hidden = await t.ok<{ reply: { post: { id: string } } }>(
      `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`,
      { input: { threadId: ownerThreadId, body: ownerSecrets.hiddenBody, contentWarning: ownerSecrets.contentWarning, topics: ['ALCOHOL'] } },
      ownerToken,
    );
    hiddenPostId = hidden.reply.post.id;
    await t.ok(`mutation($input: FlagInput!) { flag(input: $input) }`, { input: { targetType: 'POST', targetId: hiddenPostId, reason: 'HARASSMENT' } }, reader.token);
    const queue = await t.ok<{ moderationQueue: { edges: { node: { id: string; targetId: string } }[] } }>(
      `{ moderationQueue(first: 50) { edges { node { id targetId } } } }`,
      {},
      moderator.token,
    );
    const caseId = queue.moderationQueue.edges.find((e) => e.node.targetId === hiddenPostId)!.node.id;
    await t.ok(`mutation($input: ModerateInput!) { moderate(input: $input) { id } }`, { input: { caseId, action: 'HIDE', reason: 'It names someone.' } }, moderator.token);

    // The reader has a post in the owner's thread: the path the leak was found on.
    await reply(t, reader, ownerThreadId, 'Thank you for writing this.');

    // The committed schema (a test fails when it is stale), built in this realm's graphql.
    const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
    everything = (type) => selectEverything(schema, type, { visitsPerType: 2, first: 5 });
  });
  afterAll(() => t?.stop());

  /** Fails when anything private to the owner is in `data`, and proves the walk reached the owner. */
  function expectNothingPrivateOfOwner(data: unknown): void {
    const text = JSON.stringify(data);
    expect(text).toContain(owner.id);
    expect(text).toContain('A thread everyone can read');
    for (const secret of [owner.email, hiddenPostId, ...Object.values(ownerSecrets)]) expect(text).not.toContain(secret);
    let ownerObjects = 0;
    for (const object of objectsIn(data)) {
      if (object.__typename === 'User' && object.id === owner.id) {
        ownerObjects += 1;
        expect(object).toMatchObject({ email: null, timeZone: null, topicFilters: null, recoveryStart: null });
      }
      // Nothing hidden, removed or pending reaches a reader who is not its author or staff.
      if (object.__typename === 'Post') expect(object.status).toBe('VISIBLE');
    }
    expect(ownerObjects).toBeGreaterThan(0);
  }

  it('the login answer, signed out, shows nothing private of another member on any path', async () => {
    const res = await t.gql(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user ${everything('User')} } }`, {
      email: reader.email,
      password: PASSWORD,
    });
    expect(res.errors).toBeUndefined();
    expectNothingPrivateOfOwner(res.data);
    // The answer is the reader's own: their private fields are there.
    const me = (res.data as { login: { user: Record<string, unknown> } }).login.user;
    expect(me).toMatchObject({ id: reader.id, email: reader.email, timeZone: 'UTC' });
  });

  it('the login answer reads as the new session even when another member\u2019s token is sent', async () => {
    const res = await t.gql(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user ${everything('User')} } }`,
      { email: reader.email, password: PASSWORD },
      moderator.token,
    );
    expect(res.errors).toBeUndefined();
    expectNothingPrivateOfOwner(res.data);
  });

  it('user(id) shows nothing private of that member to another member on any path', async () => {
    const res = await t.gql(`query($id: ID!) { user(id: $id) ${everything('User')} }`, { id: owner.id }, reader.token);
    expect(res.errors).toBeUndefined();
    expectNothingPrivateOfOwner(res.data);
  });

  it('the register answer reads as the new member on any path', async () => {
    const code = await invite(t, admin);
    const res = await t.gql(`mutation($input: RegisterInput!) { register(input: $input) { token user ${everything('User')} } }`, {
      input: { inviteCode: code, email: `fresh${Date.now()}@example.org`, password: PASSWORD, displayName: `fresh${Date.now().toString(36)}` },
    });
    expect(res.errors).toBeUndefined();
    const text = JSON.stringify(res.data);
    for (const secret of [owner.email, hiddenPostId, ...Object.values(ownerSecrets)]) expect(text).not.toContain(secret);
    const user = (res.data as { register: { user: Record<string, unknown> } }).register.user;
    expect(user.email).toMatch(/^fresh/);
    expect(user.posts).toMatchObject({ edges: [] });
  });

  it('the owner still sees their own private fields (the rule hides nothing from its owner)', async () => {
    const res = await t.gql(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user { id recoveryStart timeZone topicFilters posts(first: 10) { edges { node { id status } } } } } }`, {
      email: owner.email,
      password: PASSWORD,
    });
    expect(res.errors).toBeUndefined();
    const user = (res.data as { login: { user: { recoveryStart: string; timeZone: string; topicFilters: string[]; posts: { edges: { node: { id: string; status: string } }[] } } } }).login.user;
    expect(user).toMatchObject({ recoveryStart: ownerSecrets.recoveryStart, timeZone: ownerSecrets.timeZone, topicFilters: ['GAMBLING'] });
    expect(user.posts.edges.map((e) => e.node)).toContainEqual({ id: hiddenPostId, status: 'HIDDEN' });
  });
});
