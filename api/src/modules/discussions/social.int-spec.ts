import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, TestHarness } from '../../../test/harness';
import { createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';

const WATCH = `mutation($threadId: ID!, $watching: Boolean!) { watchThread(threadId: $threadId, watching: $watching) { id viewerIsWatching } }`;
const BLOCK = `mutation($userId: ID!) { blockUser(userId: $userId) }`;
const UNBLOCK = `mutation($userId: ID!) { unblockUser(userId: $userId) }`;
const REACT = `mutation($postId: ID!, $kind: ReactionKind!) { react(postId: $postId, kind: $kind) { id } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { post { id bodyHtml } } }`;
const PIN = `mutation($threadId: ID!, $pinned: Boolean!) { pinThread(threadId: $threadId, pinned: $pinned) { id pinned } }`;
const LOCK = `mutation($threadId: ID!, $locked: Boolean!) { lockThread(threadId: $threadId, locked: $locked) { id locked } }`;

const settled = (t: TestHarness) => t.settled();

describe('watching, mentions, reactions and blocks', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, categoryId } = await startCommunity({ worker: true, category: true }));
  });
  afterAll(() => t?.stop());

  const notes = (who: Member, type: string) =>
    t.dataSource.query(`SELECT title, source_key, url FROM notifications WHERE user_id = $1 AND type = $2 ORDER BY created_at`, [who.id, type]);
  /** Waits for `count` notifications, lets the queue drain, then checks there are exactly that many. */
  const waitForNotes = async (who: Member, type: string, count: number) => {
    await eventually(async () => ((await notes(who, type)).length >= count ? true : undefined));
    await settled(t);
    const rows = await notes(who, type);
    expect(rows).toHaveLength(count);
    return rows;
  };

  describe('watchThread', () => {
    it('needs a session and a real thread', async () => {
      const member = await createMember(t, admin);
      const { threadId } = await createThread(t, member, categoryId);
      expect(errorOf(await t.gql(WATCH, { threadId, watching: true })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(WATCH, { threadId: '00000000-0000-4000-8000-000000000000', watching: true }, member.token)).code).toBe(
        'NOT_FOUND',
      );
    });

    it('authors and repliers watch by default; every watcher hears of each reply; unwatching sticks', async () => {
      const [author, first, second, lurker] = await Promise.all([1, 2, 3, 4].map(() => createMember(t, admin)));
      const { threadId } = await createThread(t, author, categoryId, 'Watched thread');
      await reply(t, first, threadId, 'one');
      await settled(t); // watchers are read when the job runs: let the first reply's job finish first
      expect((await t.ok<{ watchThread: any }>(WATCH, { threadId, watching: true }, lurker.token)).watchThread.viewerIsWatching).toBe(true);
      await reply(t, second, threadId, 'two');
      await settled(t);
      expect((await notes(author, 'REPLY')).map((n: any) => n.title)).toEqual([
        `${first.displayName} replied to your thread`,
        `${second.displayName} replied to your thread`,
      ]);
      expect((await notes(first, 'REPLY')).map((n: any) => n.title)).toEqual([`${second.displayName} replied in a thread you follow`]);
      expect(await notes(lurker, 'REPLY')).toHaveLength(1);
      expect(await notes(second, 'REPLY')).toHaveLength(0);

      // `first` stops watching, then replies again: still not watching.
      expect((await t.ok<{ watchThread: any }>(WATCH, { threadId, watching: false }, first.token)).watchThread.viewerIsWatching).toBe(false);
      await reply(t, first, threadId, 'three');
      await reply(t, second, threadId, 'four');
      await settled(t);
      expect(await notes(first, 'REPLY')).toHaveLength(1);
      expect(await notes(author, 'REPLY')).toHaveLength(4);
    });

    it('the fan-out job run twice writes one notification per watcher', async () => {
      const [author, replier] = await Promise.all([createMember(t, admin), createMember(t, admin)]);
      const { threadId } = await createThread(t, author, categoryId);
      const postId = await reply(t, replier, threadId);
      await settled(t);
      const { DiscussionsProcessor } = await import('./jobs/discussions.processor');
      await t.worker!.get(DiscussionsProcessor).reply(postId);
      await t.worker!.get(DiscussionsProcessor).reply(postId);
      expect(await notes(author, 'REPLY')).toHaveLength(1);
    });
  });

  describe('pinThread and lockThread', () => {
    it('need a session and the moderator role', async () => {
      const member = await createMember(t, admin);
      const { threadId } = await createThread(t, member, categoryId);
      for (const q of [PIN, LOCK]) {
        const vars = { threadId, pinned: true, locked: true };
        expect(errorOf(await t.gql(q, vars)).code).toBe('UNAUTHENTICATED');
        expect(errorOf(await t.gql(q, vars, member.token)).code).toBe('FORBIDDEN');
        expect(errorOf(await t.gql(q, { ...vars, threadId: '00000000-0000-4000-8000-000000000000' }, admin.token)).code).toBe('NOT_FOUND');
      }
    });

    it('a moderator pins (listed first) and locks (replies refused) and undoes both', async () => {
      const moderator = await createMember(t, admin, 'MODERATOR');
      const member = await createMember(t, admin);
      const own = await createCategory(t, admin);
      const a = await createThread(t, member, own, 'Older thread');
      await createThread(t, member, own, 'Newer thread');
      expect(await t.ok(PIN, { threadId: a.threadId, pinned: true }, moderator.token)).toEqual({ pinThread: { id: a.threadId, pinned: true } });
      const { threads } = await t.ok<{ threads: any }>(
        `query($c: ID) { threads(categoryId: $c) { edges { node { title pinned } } } }`,
        { c: own },
        member.token,
      );
      expect(threads.edges.map((e: any) => e.node.title)).toEqual(['Older thread', 'Newer thread']);

      await t.ok(LOCK, { threadId: a.threadId, locked: true }, moderator.token);
      const refused = errorOf(await t.gql(REPLY, { input: { threadId: a.threadId, body: 'hi' } }, member.token));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/locked/);
      await t.ok(LOCK, { threadId: a.threadId, locked: false }, moderator.token);
      await t.ok(REPLY, { input: { threadId: a.threadId, body: 'hi again' } }, member.token);
    });
  });

  describe('mentions', () => {
    it('link to the profile and notify the mentioned member once, never the author', async () => {
      const [author, friend] = await Promise.all([createMember(t, admin), createMember(t, admin)]);
      const { threadId } = await createThread(t, author, categoryId);
      const { reply: r } = await t.ok<{ reply: { post: { id: string; bodyHtml: string } } }>(
        REPLY,
        { input: { threadId, body: `Thanks @${friend.displayName.toUpperCase()} and @${author.displayName}!` } },
        author.token,
      );
      expect(r.post.bodyHtml).toContain(`<a href="/u/${friend.id}" rel="nofollow ugc noopener">@${friend.displayName}</a>`);
      expect(r.post.bodyHtml).not.toContain(`/u/${author.id}`);
      const rows = await waitForNotes(friend, 'MENTION', 1);
      expect(rows[0].title).toBe(`${author.displayName} mentioned you`);
      await settled(t);
      // A mentioned watcher gets the mention, not also a reply notification.
      expect(await notes(friend, 'REPLY')).toHaveLength(0);
      expect(await notes(author, 'MENTION')).toHaveLength(0);
    });

    it('refuse more than 10 members in one post', async () => {
      const author = await createMember(t, admin);
      const many = await Promise.all(Array.from({ length: 11 }, () => createMember(t, admin)));
      const { threadId } = await createThread(t, author, categoryId);
      const body = many.map((m) => `@${m.displayName}`).join(' ');
      const error = errorOf(await t.gql(REPLY, { input: { threadId, body } }, author.token));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      expect(error.message).toMatch(/at most 10/);
    });
  });

  describe('blockUser and unblockUser', () => {
    it('need a session; blocking yourself or nobody is refused', async () => {
      const member = await createMember(t, admin);
      expect(errorOf(await t.gql(BLOCK, { userId: member.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(UNBLOCK, { userId: member.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await t.gql(BLOCK, { userId: member.id }, member.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      expect(errorOf(await t.gql(BLOCK, { userId: '00000000-0000-4000-8000-000000000000' }, member.token)).code).toBe('NOT_FOUND');
    });

    it("hides each member's posts from the other, stops mentions and notifications either way, and undoes cleanly", async () => {
      const [blocker, blocked, bystander] = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      const { threadId } = await createThread(t, bystander, categoryId);
      const blockedPost = await reply(t, blocked, threadId, 'a post by the blocked member');
      expect(await t.ok(BLOCK, { userId: blocked.id }, blocker.token)).toEqual({ blockUser: true });
      expect(await t.ok(BLOCK, { userId: blocked.id }, blocker.token)).toEqual({ blockUser: true });

      const view = async (who: Member) =>
        (
          await t.ok<{ thread: any }>(
            `query($id: ID!) { thread(id: $id) { posts { edges { node { id body hiddenByBlock } } } } }`,
            { id: threadId },
            who.token,
          )
        ).thread.posts.edges.map((e: any) => e.node);
      const seenByBlocker = (await view(blocker)).find((p: any) => p.id === blockedPost);
      expect(seenByBlocker).toEqual({ id: blockedPost, body: '', hiddenByBlock: true });
      expect((await view(bystander)).find((p: any) => p.id === blockedPost).body).toBe('a post by the blocked member');

      // The blocked member can neither mention nor react-notify the blocker, and vice versa.
      const blockerThread = await createThread(t, blocker, categoryId);
      const { reply: mention } = await t.ok<{ reply: { post: { bodyHtml: string } } }>(
        REPLY,
        { input: { threadId, body: `hey @${blocker.displayName}` } },
        blocked.token,
      );
      expect(mention.post.bodyHtml).not.toContain('/u/');
      expect(errorOf(await t.gql(REACT, { postId: blockerThread.postId, kind: 'HUG' }, blocked.token)).code).toBe('NOT_FOUND');
      expect(errorOf(await t.gql(REPLY, { input: { threadId: blockerThread.threadId, body: 'replying to the blocker' } }, blocked.token)).code).toBe('FORBIDDEN');
      await settled(t);
      expect(await notes(blocker, 'MENTION')).toHaveLength(0);
      expect(await notes(blocker, 'REPLY')).toHaveLength(0);

      const { blockedUsers } = await t.ok<{ blockedUsers: { id: string }[] }>('{ blockedUsers { id } }', {}, blocker.token);
      expect(blockedUsers.map((u) => u.id)).toEqual([blocked.id]);
      await t.ok(UNBLOCK, { userId: blocked.id }, blocker.token);
      expect((await view(blocker)).find((p: any) => p.id === blockedPost).hiddenByBlock).toBe(false);
    });
  });

  describe('across a block', () => {
    const FOLLOW = `mutation($userId: ID!, $following: Boolean!) { followUser(userId: $userId, following: $following) { id viewerFollows } }`;

    it("neither member replies in, follows or quotes the other's threads, and follows end both ways; moderators are not held back", async () => {
      const [blocker, blocked, bystander] = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      const moderator = await createMember(t, admin, 'MODERATOR');
      const blockerThread = await createThread(t, blocker, categoryId);
      const blockedThread = await createThread(t, blocked, categoryId);
      const { threadId: sharedThread } = await createThread(t, bystander, categoryId);
      const blockerPostInShared = await reply(t, blocker, sharedThread, 'a thought');
      await t.ok(FOLLOW, { userId: blocker.id, following: true }, blocked.token);
      await t.ok(FOLLOW, { userId: blocked.id, following: true }, blocker.token);

      await t.ok(BLOCK, { userId: blocked.id }, blocker.token);
      const follows: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM follows WHERE follower_id = ANY($1::uuid[]) AND followee_id = ANY($1::uuid[])`,
        [[blocker.id, blocked.id]],
      );
      expect(follows).toEqual([]);

      for (const [who, other, thread] of [
        [blocked, blocker, blockerThread],
        [blocker, blocked, blockedThread],
      ] as const) {
        expect(errorOf(await t.gql(REPLY, { input: { threadId: thread.threadId, body: 'still here' } }, who.token))).toMatchObject({
          code: 'FORBIDDEN',
          message: "You can't reply in this thread.",
        });
        expect(errorOf(await t.gql(WATCH, { threadId: thread.threadId, watching: true }, who.token))).toMatchObject({
          code: 'FORBIDDEN',
          message: "You can't follow this thread.",
        });
        expect(errorOf(await t.gql(FOLLOW, { userId: other.id, following: true }, who.token))).toMatchObject({
          code: 'FORBIDDEN',
          message: "You can't follow this member.",
        });
        // Unwatching and unfollowing always work.
        await t.ok(WATCH, { threadId: thread.threadId, watching: false }, who.token);
        await t.ok(FOLLOW, { userId: other.id, following: false }, who.token);
      }
      // In a third member's thread both may still reply, but not quote each other.
      expect(
        errorOf(await t.gql(REPLY, { input: { threadId: sharedThread, body: 'quoting', replyToPostId: blockerPostInShared } }, blocked.token)),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replyToPostId' });
      await reply(t, blocked, sharedThread, 'my own words');
      // Moderators reply and follow whatever the members' blocks.
      await t.ok(BLOCK, { userId: moderator.id }, blocker.token);
      await reply(t, moderator, blockerThread.threadId, 'A moderator checking in.');
      await t.ok(WATCH, { threadId: blockerThread.threadId, watching: true }, moderator.token);
      // Unblocked, all of it works again.
      await t.ok(UNBLOCK, { userId: blocked.id }, blocker.token);
      await reply(t, blocked, blockerThread.threadId, 'glad to be back');
      await t.ok(FOLLOW, { userId: blocker.id, following: true }, blocked.token);
    });
  });

  describe('reaction notifications', () => {
    it('batch several reactions within 10 minutes into one notification, and start a new batch once read', async () => {
      const author = await createMember(t, admin);
      const fans = await Promise.all([1, 2, 3].map(() => createMember(t, admin)));
      const { postId } = await createThread(t, author, categoryId, 'Ninety days');
      await t.ok(REACT, { postId, kind: 'SUPPORT' }, fans[0].token);
      const [single] = await waitForNotes(author, 'REACTION', 1);
      expect(single.title).toBe(`${fans[0].displayName} sent support`);
      for (const fan of fans.slice(1)) await t.ok(REACT, { postId, kind: 'SUPPORT' }, fan.token);
      await settled(t);
      const batched = await eventually(async () => {
        const rows = await notes(author, 'REACTION');
        return rows.length === 1 && rows[0].title === '3 members sent support' ? rows : undefined;
      });
      expect(batched[0].url).toContain('#post-1');
      // Reacting to your own post tells nobody.
      await t.ok(REACT, { postId, kind: 'HUG' }, author.token);

      await t.ok('mutation { markNotificationsRead }', {}, author.token);
      await t.ok(REACT, { postId, kind: 'HUG' }, fans[0].token);
      const rows = await waitForNotes(author, 'REACTION', 2);
      expect(rows[1].title).toBe(`${fans[0].displayName} sent a hug`);
    });
  });
});
