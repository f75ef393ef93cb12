import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createMember, createThread, Member, PASSWORD, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { privacyLookups } from '../../../test/privacy-lookups';
import { DELETE, LOGIN, marker, RSVP } from './privacy.test-ops';

/** Deleting an account while its writes and jobs are still under way: nothing is left behind or written later. */
describe('privacy: deleting an account while it is in use', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, categoryId } = await startCommunity({ worker: true, category: true }));
  });
  afterAll(() => t?.stop());

  const { as, event } = privacyLookups(() => t);

  it('writes racing the deletion leave nothing behind, and nothing can write for a former member later', async () => {
    for (let round = 0; round < 3; round++) {
      const m = await createMember(t, admin);
      const eventId = await event(admin);
      const { threadId } = await createThread(t, admin, categoryId);
      const bio = marker('late');
      await Promise.all([
        t.gql(DELETE, { password: PASSWORD, keepPosts: false }, m.token),
        t.gql(RSVP, { id: eventId }, m.token),
        t.gql(`mutation($b: String!) { updateProfile(input: { bio: $b }) { id } }`, { b: bio }, m.token),
        t.gql(`mutation($b: String!) { saveDraft(input: { key: "new-thread", body: $b }) { key } }`, { b: bio }, m.token),
        t.gql(`mutation($i: ReplyInput!) { reply(input: $i) { post { id } } }`, { i: { threadId, body: bio } }, m.token),
        t.gql(LOGIN, { email: m.email, password: PASSWORD }),
      ]);
      const [left]: Record<string, number>[] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM rsvps WHERE user_id = $1) AS rsvps,
                (SELECT count(*)::int FROM drafts WHERE user_id = $1) AS drafts,
                (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions,
                (SELECT count(*)::int FROM posts WHERE author_id = $1 AND body <> '') AS posts,
                (SELECT count(*)::int FROM users WHERE id = $1 AND (bio IS NOT NULL OR deleted_at IS NULL)) AS profile,
                (SELECT going_count FROM events WHERE id = $2) AS going`,
        [m.id, eventId],
      );
      expect(left).toEqual({ rsvps: 0, drafts: 0, sessions: 0, posts: 0, profile: 0, going: 0 });
      // And afterwards, even straight at the database:
      await expect(
        t.dataSource.query(`INSERT INTO drafts (user_id, draft_key, body) VALUES ($1, 'new-thread', 'x')`, [m.id]),
      ).rejects.toThrow(/deleted their account/);
      await t.dataSource.query(`UPDATE users SET bio = 'back' WHERE id = $1`, [m.id]);
      const [after]: { bio: string | null }[] = await t.dataSource.query(`SELECT bio FROM users WHERE id = $1`, [m.id]);
      expect(after.bio).toBeNull();
    }
  });

  it('jobs queued for a member who has since left do nothing', async () => {
    const leaving = await createMember(t, admin);
    const writer = await createMember(t, admin);
    const { threadId } = await createThread(t, leaving, categoryId);
    // The reply's notification job is committed but not yet run when the account goes.
    await t.worker!.close();
    t.worker = undefined;
    await reply(t, writer, threadId, 'Thinking of you.');
    await as(leaving, DELETE, { password: PASSWORD, keepPosts: true });
    await t.startWorker();
    await t.settled();
    const [{ n }]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [
      leaving.id,
    ]);
    expect(n).toBe(0);
  });
});
