import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { ResourcesProcessor } from './jobs/resources.processor';

const BOARDS = `{ resourceBoards { id name count } }`;
const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id status tags expiresAt url } }`;
const LIST = `query($b: ID, $tag: String, $q: String) { resources(boardId: $b, tag: $tag, query: $q) { edges { node { id title } } } }`;
const APPROVE = `mutation($id: ID!) { approveResource(id: $id) { id status } }`;
const REPORT = `mutation($id: ID!) { reportOutdated(id: $id) }`;
const SAVE = `mutation($id: ID!, $s: Boolean!) { saveResource(id: $id, saved: $s) { id } }`;

describe('resource boards', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let jobs: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator] } = await startCommunity({ worker: true, moderators: 1 }));
    jobs = (await t.ok<{ resourceBoards: any[] }>(BOARDS, {}, admin.token)).resourceBoards.find((b) => b.name === 'Jobs').id;
  });
  afterAll(() => t?.stop());

  const input = (extra: Record<string, unknown> = {}) => ({
    boardId: jobs,
    title: 'Warehouse associate',
    organization: 'Northside Logistics',
    description: 'Day shifts, fair-chance employer.',
    url: 'https://jobs.example.org/123',
    tags: ['Fair-chance employer', 'entry-level'],
    ...extra,
  });

  it('are seeded, and need a session', async () => {
    expect(errorOf(await t.gql(BOARDS)).code).toBe('UNAUTHENTICATED');
    const { resourceBoards } = await t.ok<{ resourceBoards: any[] }>(BOARDS, {}, admin.token);
    expect(resourceBoards.map((b) => b.name)).toEqual(['Jobs', 'Training and education', 'Housing', 'Legal and benefits', 'Community services']);
  });

  it('admins create boards, ordered by position; others may not; names are unique', async () => {
    const CREATE_BOARD = `mutation($input: CreateResourceBoardInput!) { createResourceBoard(input: $input) { id name } }`;
    expect(errorOf(await t.gql(CREATE_BOARD, { input: { name: 'Peer groups' } }, moderator.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(CREATE_BOARD, { input: { name: 'x' } }, admin.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    await t.ok(CREATE_BOARD, { input: { name: 'Peer groups', position: 0 } }, admin.token);
    expect(errorOf(await t.gql(CREATE_BOARD, { input: { name: 'Peer groups' } }, admin.token))).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const { resourceBoards } = await t.ok<{ resourceBoards: any[] }>(BOARDS, {}, admin.token);
    expect(resourceBoards[0].name).toBe('Jobs'); // position ties keep the name order
    expect(resourceBoards.map((b) => b.name)).toContain('Peer groups');
    await t.dataSource.query(`DELETE FROM resource_boards WHERE name = 'Peer groups'`);
  });

  it('refuse bad input naming the field', async () => {
    const member = await createMember(t, admin);
    for (const [extra, field] of [
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'ftp://files.example.org' }, 'url'],
      [{ expiresInDays: 0 }, 'expiresInDays'],
      [{ expiresInDays: 181 }, 'expiresInDays'],
      [{ boardId: '00000000-0000-4000-8000-000000000000' }, 'boardId'],
      [{ title: 'x'.repeat(121) }, 'title'],
    ] as const) {
      expect(errorOf(await t.gql(CREATE, { input: input(extra) }, member.token))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it("staff post live; a member's posting waits for approval, invisible to others, then goes live and the author is told", async () => {
    const [member, other] = [await createMember(t, admin), await createMember(t, admin)];
    const staff = (await t.ok<{ createResource: any }>(CREATE, { input: input({ title: 'Peer support specialist' }) }, moderator.token)).createResource;
    expect(staff.status).toBe('VISIBLE');
    const mine = (await t.ok<{ createResource: any }>(CREATE, { input: input({ title: 'Line cook' }) }, member.token)).createResource;
    expect(mine).toMatchObject({ status: 'PENDING_REVIEW', tags: ['fair-chance employer', 'entry-level'] });
    const ids = async (who: Member) => (await t.ok<{ resources: any }>(LIST, { b: jobs }, who.token)).resources.edges.map((e: any) => e.node.id);
    expect(await ids(other)).toContain(staff.id);
    expect(await ids(other)).not.toContain(mine.id);
    expect(errorOf(await t.gql(APPROVE, { id: mine.id }, other.token)).code).toBe('FORBIDDEN');
    await t.ok(APPROVE, { id: mine.id }, moderator.token);
    expect(await ids(other)).toContain(mine.id);
    await t.settled();
    const rows = await t.dataSource.query(`SELECT type FROM notifications WHERE user_id = $1`, [member.id]);
    expect(rows.map((r: any) => r.type)).toContain('RESOURCE_APPROVED');

    // Editing an approved member posting sends it back to review.
    await t.ok(`mutation($id: ID!) { updateResource(id: $id, input: { title: "Line cook, evenings" }) { status } }`, { id: mine.id }, member.token);
    expect(await ids(other)).not.toContain(mine.id);
  });

  it('search and tag filter together; saving is per member', async () => {
    const member = await createMember(t, admin);
    const a = (await t.ok<{ createResource: any }>(CREATE, { input: input({ title: 'Forklift operator ZQ', tags: ['paid training'] }) }, admin.token)).createResource;
    await t.ok(CREATE, { input: input({ title: 'Forklift trainer ZQ', tags: ['part-time'] }) }, admin.token);
    const found = await t.ok<{ resources: any }>(LIST, { q: 'forklift', tag: 'paid training' }, member.token);
    expect(found.resources.edges.map((e: any) => e.node.id)).toEqual([a.id]);
    await t.ok(SAVE, { id: a.id, s: true }, member.token);
    await t.ok(SAVE, { id: a.id, s: true }, member.token);
    const saved = await t.ok<{ savedResources: any }>(`{ savedResources { edges { node { id } } } }`, {}, member.token);
    expect(saved.savedResources.edges.map((e: any) => e.node.id)).toEqual([a.id]);
  });

  it('three outdated reports (the same member counted once) send a posting to review', async () => {
    const posting = (await t.ok<{ createResource: any }>(CREATE, { input: input({ title: 'Old listing' }) }, admin.token)).createResource;
    const reporters = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
    await t.ok(REPORT, { id: posting.id }, reporters[0].token);
    await t.ok(REPORT, { id: posting.id }, reporters[0].token);
    await t.ok(REPORT, { id: posting.id }, reporters[1].token);
    let [{ status }] = await t.dataSource.query(`SELECT status FROM resources WHERE id = $1`, [posting.id]);
    expect(status).toBe('VISIBLE');
    await t.ok(REPORT, { id: posting.id }, reporters[2].token);
    [{ status }] = await t.dataSource.query(`SELECT status FROM resources WHERE id = $1`, [posting.id]);
    expect(status).toBe('PENDING_REVIEW');
  });

  it('expiry: listings hide expired postings; the 7-day reminder and the expiry notice are sent once each; renewing brings it back', async () => {
    const author = await createMember(t, admin);
    await t.dataSource.query(`UPDATE users SET role = 'MODERATOR' WHERE id = $1`, [author.id]);
    const posting = (await t.ok<{ createResource: any }>(CREATE, { input: input({ title: 'Expiring soon', expiresInDays: 5 }) }, author.token)).createResource;
    const processor = t.worker!.get(ResourcesProcessor);
    expect((await processor.expiry()).reminders).toBeGreaterThanOrEqual(1);
    expect((await processor.expiry()).reminders).toBe(0);
    await t.dataSource.query(`UPDATE resources SET expires_at = now() - interval '1 minute' WHERE id = $1`, [posting.id]);
    const list = await t.ok<{ resources: any }>(LIST, { q: 'expiring' }, author.token);
    expect(list.resources.edges).toEqual([]);
    expect((await processor.expiry()).expired).toBeGreaterThanOrEqual(1);
    expect((await processor.expiry()).expired).toBe(0);
    const notes = await t.dataSource.query(`SELECT title FROM notifications WHERE user_id = $1 AND type = 'RESOURCE_EXPIRING'`, [author.id]);
    expect(notes).toHaveLength(2);
    await t.ok(`mutation($id: ID!) { renewResource(id: $id) { expired } }`, { id: posting.id }, author.token);
    expect((await t.ok<{ resources: any }>(LIST, { q: 'expiring' }, author.token)).resources.edges).toHaveLength(1);
  });
});
