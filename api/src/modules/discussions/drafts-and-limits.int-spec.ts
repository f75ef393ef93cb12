import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, createThread, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const SAVE = `mutation($input: SaveDraftInput!) { saveDraft(input: $input) { key title body categoryId updatedAt } }`;
const DRAFT = `query($key: String!) { draft(key: $key) { key title body } }`;
const DISCARD = `mutation($key: String!) { discardDraft(key: $key) }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id } } }`;
const CREATE_THREAD = `mutation($input: CreateThreadInput!) { createThread(input: $input) { post { id } } }`;

describe('drafts', () => {
  let t: TestHarness;
  let admin: Member;
  let member: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, members: [member], categoryId } = await startCommunity({ members: 1, category: true }));
  });
  afterAll(() => t?.stop());

  it('need a session and a valid key', async () => {
    expect(errorOf(await t.gql(DRAFT, { key: 'new-thread' })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(SAVE, { input: { key: 'new-thread', body: 'x' } })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(DRAFT, { key: 'elsewhere' }, member.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    expect(errorOf(await t.gql(SAVE, { input: { key: 'thread:1', body: 'x' } }, member.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'key',
    });
  });

  it("keep a member's half-written reply until it is posted, and are private to them", async () => {
    const { threadId } = await createThread(t, member, categoryId);
    const key = `thread:${threadId}`;
    await t.ok(SAVE, { input: { key, body: 'half a tho' } }, member.token);
    await t.ok(SAVE, { input: { key, body: 'half a thought' } }, member.token);
    expect(await t.ok(DRAFT, { key }, member.token)).toEqual({ draft: { key, title: null, body: 'half a thought' } });
    const other = await createMember(t, admin);
    expect(await t.ok(DRAFT, { key }, other.token)).toEqual({ draft: null });
    await t.ok(REPLY, { input: { threadId, body: 'the whole thought' } }, member.token);
    expect(await t.ok(DRAFT, { key }, member.token)).toEqual({ draft: null });
  });

  it('keep a new thread draft with its title and category until the thread is started', async () => {
    await t.ok(SAVE, { input: { key: 'new-thread', title: 'Half a title', body: 'and a body', categoryId } }, member.token);
    expect((await t.ok<{ draft: any }>(DRAFT, { key: 'new-thread' }, member.token)).draft.title).toBe('Half a title');
    await t.ok(CREATE_THREAD, { input: { categoryId, title: 'Whole title', body: 'whole body' } }, member.token);
    expect(await t.ok(DRAFT, { key: 'new-thread' }, member.token)).toEqual({ draft: null });
  });

  it('are dropped when emptied or discarded, and after 30 days', async () => {
    await t.ok(SAVE, { input: { key: 'new-thread', body: 'something' } }, member.token);
    expect(await t.ok(SAVE, { input: { key: 'new-thread', body: '  ' } }, member.token)).toEqual({ saveDraft: null });
    expect(await t.ok(DRAFT, { key: 'new-thread' }, member.token)).toEqual({ draft: null });
    await t.ok(SAVE, { input: { key: 'new-thread', body: 'something' } }, member.token);
    expect(await t.ok(DISCARD, { key: 'new-thread' }, member.token)).toEqual({ discardDraft: true });
    expect(await t.ok(DRAFT, { key: 'new-thread' }, member.token)).toEqual({ draft: null });
    await t.ok(SAVE, { input: { key: 'new-thread', body: 'old' } }, member.token);
    await t.dataSource.query(`UPDATE drafts SET updated_at = now() - interval '31 days' WHERE user_id = $1`, [member.id]);
    expect(await t.ok(DRAFT, { key: 'new-thread' }, member.token)).toEqual({ draft: null });
  });
});

describe('posting rate limits', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    // The production defaults: 30 s / 120 s in a member's first week, 5 s / 15 s after.
    ({ t, admin, categoryId } = await startCommunity({
      env: {
        POST_INTERVAL_SECONDS: '5',
        POST_INTERVAL_SECONDS_NEW_MEMBER: '30',
        THREAD_INTERVAL_SECONDS: '15',
        THREAD_INTERVAL_SECONDS_NEW_MEMBER: '120',
      },
      category: true,
    }));
  });
  afterAll(() => t?.stop());

  it('a new member waits between posts and between threads, and is told how long', async () => {
    const member = await createMember(t, admin);
    const { threadId } = await createThread(t, member, categoryId);
    const secondThread = await t.gql(CREATE_THREAD, { input: { categoryId, title: 'Another one', body: 'x' } }, member.token);
    expect(errorOf(secondThread).code).toBe('RATE_LIMITED');
    expect(secondThread.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(100);
    expect(errorOf(secondThread).message).toMatch(/wait \d+ seconds/);

    await t.ok(REPLY, { input: { threadId, body: 'first reply' } }, member.token);
    const tooSoon = await t.gql(REPLY, { input: { threadId, body: 'second reply' } }, member.token);
    expect(errorOf(tooSoon).code).toBe('RATE_LIMITED');
    expect(tooSoon.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(20);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM posts WHERE thread_id = $1`, [threadId]);
    expect(count).toBe(2);
  });

  it('an established member waits less, and staff are not limited', async () => {
    const member = await createMember(t, admin);
    await t.dataSource.query(`UPDATE users SET joined_at = now() - interval '30 days' WHERE id = $1`, [member.id]);
    const { threadId } = await createThread(t, member, categoryId);
    await t.ok(REPLY, { input: { threadId, body: 'one' } }, member.token);
    const tooSoon = await t.gql(REPLY, { input: { threadId, body: 'two' } }, member.token);
    expect(tooSoon.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(5);

    for (let i = 0; i < 3; i++) await t.ok(REPLY, { input: { threadId, body: `staff ${i}` } }, admin.token);
  });
});
