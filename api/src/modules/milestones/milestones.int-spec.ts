import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { MilestonesService } from './milestones.service';

const SET = `mutation($d: Date!, $v: Visibility!, $a: Boolean!) { setRecoveryStart(date: $d, visibility: $v, announce: $a) { recoveryStart daysSober reached { key } next { key date } } }`;
const MINE = `{ myMilestones { recoveryStart visibility announce daysSober reached { key label date } next { key label date } } }`;
const WALL = `{ milestoneWall(first: 50) { edges { node { id title cheerCount viewerCheered milestone { key label } author { id } body replies { id } } } } }`;
const CHEER = `mutation($id: ID!) { cheer(celebrationId: $id) { id cheerCount viewerCheered } }`;
const FOLLOW = `mutation($u: ID!, $f: Boolean!) { followUser(userId: $u, following: $f) { id viewerFollows } }`;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('milestones', () => {
  let t: TestHarness;
  let admin: Member;
  let service: MilestonesService;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity());
    service = t.app.get(MilestonesService);
  });
  afterAll(() => t?.stop());

  const member = async () => {
    const m = await createMember(t, admin);
    await t.ok(`mutation { updateProfile(input: { timeZone: "UTC" }) { id } }`, {}, m.token);
    return m;
  };
  const notes = (who: Member) => t.dataSource.query(`SELECT title, source_key FROM notifications WHERE user_id = $1 AND type = 'MILESTONE'`, [who.id]);

  it('all operations need a session; bad dates are refused naming the field', async () => {
    expect(errorOf(await t.gql(MINE)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(WALL)).code).toBe('UNAUTHENTICATED');
    const m = await member();
    expect(errorOf(await t.gql(SET, { d: '2999-01-01', v: 'ONLY_ME', a: false }, m.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect(errorOf(await t.gql(SET, { d: '2025-02-30', v: 'ONLY_ME', a: false }, m.token))).toMatchObject({ field: 'date' });
    expect(errorOf(await t.gql(SET, { d: daysAgo(3), v: 'EVERYONE', a: false }, m.token)).code).toBe('BAD_USER_INPUT');
  });

  it('computes days, reached milestones and the next one', async () => {
    const m = await member();
    const { setRecoveryStart } = await t.ok<{ setRecoveryStart: any }>(SET, { d: daysAgo(45), v: 'ONLY_ME', a: false }, m.token);
    expect(setRecoveryStart).toMatchObject({ daysSober: 45, reached: [{ key: 'HOURS_24' }, { key: 'DAYS_30' }], next: { key: 'DAYS_60' } });
  });

  it('shows recoveryStart to its owner always and to members only when shared', async () => {
    const [owner, other] = [await member(), await member()];
    const start = daysAgo(10);
    const asOther = async () =>
      (await t.ok<{ user: any }>(`query($id: ID!) { user(id: $id) { recoveryStart } }`, { id: owner.id }, other.token)).user.recoveryStart;
    await t.ok(SET, { d: start, v: 'ONLY_ME', a: false }, owner.token);
    expect(await asOther()).toBeNull();
    expect((await t.ok<{ me: any }>(`{ me { recoveryStart } }`, {}, owner.token)).me.recoveryStart).toBe(start);
    await t.ok(SET, { d: start, v: 'MEMBERS', a: false }, owner.token);
    expect(await asOther()).toBe(start);
  });

  it('the daily job run twice makes one celebration and one notification per follower; not for those who do not announce', async () => {
    const [announcer, quiet, follower, other] = [await member(), await member(), await member(), await member()];
    await t.ok(FOLLOW, { u: announcer.id, f: true }, follower.token);
    await t.ok(FOLLOW, { u: quiet.id, f: true }, follower.token);
    await t.ok(SET, { d: daysAgo(30), v: 'ONLY_ME', a: true }, announcer.token);
    await t.ok(SET, { d: daysAgo(30), v: 'ONLY_ME', a: false }, quiet.token);
    await Promise.all([service.celebrateToday(), service.celebrateToday()]);
    await service.celebrateToday();
    const wall = (await t.ok<{ milestoneWall: any }>(WALL, {}, other.token)).milestoneWall.edges.map((e: any) => e.node);
    const mine = wall.filter((c: any) => c.author.id === announcer.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ milestone: { key: 'DAYS_30', label: '30 days' }, cheerCount: 0, body: 'Celebrating 30 days today.' });
    expect(wall.some((c: any) => c.author.id === quiet.id)).toBe(false);
    const followerNotes = await notes(follower);
    expect(followerNotes).toHaveLength(1);
    expect(followerNotes[0].title).toContain('is celebrating 30 days');
    expect((await notes(quiet)).map((n: any) => n.title)).toEqual(['Today is 30 days. Well done.']);
    expect(await notes(other)).toEqual([]);
  });

  it('clearing the date is private: no notification, no wall entry', async () => {
    const [m, follower] = [await member(), await member()];
    await t.ok(FOLLOW, { u: m.id, f: true }, follower.token);
    await t.ok(SET, { d: daysAgo(5), v: 'MEMBERS', a: true }, m.token);
    expect(await t.ok(`mutation { clearRecoveryStart }`, {}, m.token)).toEqual({ clearRecoveryStart: true });
    await service.celebrateToday();
    expect(await notes(follower)).toEqual([]);
    const { myMilestones } = await t.ok<{ myMilestones: any }>(MINE, {}, m.token);
    expect(myMilestones).toMatchObject({ recoveryStart: null, announce: false, daysSober: null });
  });

  it('30 concurrent cheers: 30 from 30 members, or 1 from one member 30 times, never an error', async () => {
    const author = await member();
    const { celebrate } = await t.ok<{ celebrate: any }>(
      `mutation { celebrate(input: { title: "First job interview", body: "I went, and it went well." }) { id } }`,
      {},
      author.token,
    );
    const cheerers = await Promise.all(Array.from({ length: 30 }, () => createMember(t, admin)));
    const many = await Promise.all(cheerers.map((c) => t.gql(CHEER, { id: celebrate.id }, c.token)));
    expect(many.filter((r) => r.errors)).toEqual([]);
    const same = await Promise.all(Array.from({ length: 30 }, () => t.gql(CHEER, { id: celebrate.id }, author.token)));
    expect(same.filter((r) => r.errors)).toEqual([]);
    const { celebration } = await t.ok<{ celebration: any }>(`query($id: ID!) { celebration(id: $id) { cheerCount viewerCheered } }`, { id: celebrate.id }, author.token);
    expect(celebration).toEqual({ cheerCount: 31, viewerCheered: true });
  });

  it("a member's own celebration has a reply thread under the usual posting rules, kept out of the home feed", async () => {
    const [author, friend] = [await member(), await member()];
    const { celebrate } = await t.ok<{ celebrate: any }>(
      `mutation { celebrate(input: { title: "Six months of family dinners", body: "Every Sunday." }) { id replies { id } } }`,
      {},
      author.token,
    );
    await t.ok(`mutation($i: ReplyInput!) { reply(input: $i) { post { id } } }`, { i: { threadId: celebrate.replies.id, body: 'So glad for you.' } }, friend.token);
    const { threads } = await t.ok<{ threads: any }>(`{ threads(first: 100) { edges { node { id } } } }`, {}, friend.token);
    expect(threads.edges.map((e: any) => e.node.id)).not.toContain(celebrate.replies.id);
    const { categories } = await t.ok<{ categories: any[] }>(`{ categories { slug } }`, {}, friend.token);
    expect(categories.map((c) => c.slug)).not.toContain('milestone-wall');
    expect(errorOf(await t.gql(`mutation($id: ID!) { cheer(celebrationId: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, friend.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(FOLLOW, { u: friend.id, f: true }, friend.token)).field).toBe('userId');
  });
});
