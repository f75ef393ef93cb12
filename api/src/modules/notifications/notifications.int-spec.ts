import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, errorOf, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { OutboxRelay } from '../../queue/outbox-relay.service';
import { DiscussionsProcessor } from '../discussions/jobs/discussions.processor';

const NOTIFICATIONS = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) { edges { node { id type title body url readAt } } pageInfo { hasNextPage endCursor } }
}`;
const UNREAD = `{ unreadNotificationCount }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;

describe('notifications', () => {
  let t: TestHarness;
  let admin: Member;
  let author: Member;
  let replier: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, members: [author, replier], categoryId } = await startCommunity({ worker: true, members: 2, category: true }));
  });
  afterAll(() => t?.stop());

  const unread = async (who: Member) => (await t.ok<{ unreadNotificationCount: number }>(UNREAD, {}, who.token)).unreadNotificationCount;

  it('all three operations need a session', async () => {
    expect(errorOf(await t.gql(NOTIFICATIONS)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(UNREAD)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(MARK_READ)).code).toBe('UNAUTHENTICATED');
  });

  it('a reply reaches the thread author through the outbox, relay and worker, linking to the reply', async () => {
    const { threadId } = await createThread(t, author, categoryId, 'Week one');
    const postId = await reply(t, replier, threadId, 'You can do this');
    await eventually(async () => ((await unread(author)) > 0 ? true : undefined));
    await t.settled();
    expect(await unread(author)).toBe(1);
    const { notifications } = await t.ok<{ notifications: { edges: { node: Record<string, unknown> }[] } }>(
      NOTIFICATIONS,
      {},
      author.token,
    );
    expect(notifications.edges[0].node).toMatchObject({
      type: 'REPLY',
      title: `${replier.displayName} replied to your thread`,
      body: 'Week one',
      url: `/threads/${threadId}?at=2#post-2`,
      readAt: null,
    });
    const [{ dispatched }] = await t.dataSource.query(
      `SELECT dispatched_at IS NOT NULL AS dispatched FROM outbox WHERE payload->>'postId' = $1`,
      [postId],
    );
    expect(dispatched).toBe(true);
  });

  it('nobody is notified of their own reply, and the replier gets nothing', async () => {
    const { threadId } = await createThread(t, author, categoryId);
    const before = await unread(author);
    const own = await reply(t, author, threadId, 'Adding a thought');
    // The own reply's job runs before the replier joins the thread: a job tells those watching
    // when it runs, and the replier watches once they reply.
    await t.settled();
    const theirs = await reply(t, replier, threadId, 'Nice');
    await eventually(async () => ((await unread(author)) > before ? true : undefined));
    // Both jobs have run (the own reply's too, which must tell nobody) before counting.
    await t.settled();
    expect(await unread(author)).toBe(before + 1);
    const rows = await t.dataSource.query(`SELECT source_key FROM notifications WHERE source_key IN ($1, $2)`, [
      `reply:${own}`,
      `reply:${theirs}`,
    ]);
    expect(rows).toEqual([{ source_key: `reply:${theirs}` }]);
    expect(await unread(replier)).toBe(0);
  });

  it('the REPLY job run twice writes one notification', async () => {
    const { threadId } = await createThread(t, author, categoryId);
    const postId = await reply(t, replier, threadId);
    const processor = t.worker!.get(DiscussionsProcessor);
    await processor.reply(postId);
    await processor.reply(postId);
    await t.worker!.get(OutboxRelay).drain();
    await eventually(async () => {
      const [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
      return pending === 0 ? true : undefined;
    });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE source_key = $1`, [
      `reply:${postId}`,
    ]);
    expect(count).toBe(1);
  });

  it('a job for a post that is gone or hidden does nothing', async () => {
    const processor = t.worker!.get(DiscussionsProcessor);
    await processor.reply('00000000-0000-4000-8000-000000000000');
    const { threadId } = await createThread(t, author, categoryId);
    const postId = await reply(t, replier, threadId);
    await t.dataSource.query(`DELETE FROM notifications WHERE source_key = $1`, [`reply:${postId}`]);
    await t.dataSource.query(`UPDATE posts SET status = 'HIDDEN' WHERE id = $1`, [postId]);
    await processor.reply(postId);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE source_key = $1`, [
      `reply:${postId}`,
    ]);
    expect(count).toBe(0);
  });

  it("marks chosen or all notifications read, only the viewer's own, and pages newest first", async () => {
    const reader = await createMember(t, admin);
    const { threadId } = await createThread(t, reader, categoryId);
    // One reply at a time, each notified before the next: jobs may run side by side (the
    // PostgreSQL queue store does), and "newest first" is the order the notifications were written.
    for (let i = 0; i < 3; i++) {
      await reply(t, replier, threadId, `reply ${i}`);
      await eventually(async () => ((await unread(reader)) > i ? true : undefined));
    }
    await t.settled();
    expect(await unread(reader)).toBe(3);

    const page1 = await t.ok<{ notifications: any }>(NOTIFICATIONS, { first: 2 }, reader.token);
    expect(page1.notifications.edges).toHaveLength(2);
    expect(page1.notifications.edges[0].node.url).toContain('at=4');
    const page2 = await t.ok<{ notifications: any }>(NOTIFICATIONS, { first: 2, after: page1.notifications.pageInfo.endCursor }, reader.token);
    expect(page2.notifications.edges.map((e: any) => e.node.url)).toEqual([expect.stringContaining('at=2')]);

    const firstId = page1.notifications.edges[0].node.id;
    // Someone else's ids change nothing.
    expect(await t.ok(MARK_READ, { ids: [firstId] }, author.token)).toEqual({ markNotificationsRead: 0 });
    expect(errorOf(await t.gql(MARK_READ, { ids: ['nope'] }, reader.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect(await t.ok(MARK_READ, { ids: [firstId] }, reader.token)).toEqual({ markNotificationsRead: 1 });
    expect(await unread(reader)).toBe(2);
    const unreadOnly = await t.ok<{ notifications: any }>(NOTIFICATIONS, { unreadOnly: true }, reader.token);
    expect(unreadOnly.notifications.edges.map((e: any) => e.node.id)).not.toContain(firstId);
    expect(await t.ok(MARK_READ, {}, reader.token)).toEqual({ markNotificationsRead: 2 });
    expect(await unread(reader)).toBe(0);
  });
});

describe('notifications while Redis is unreachable from the api', () => {
  let api: TestHarness;

  beforeAll(async () => {
    // The api points at a Redis that is not there; the worker (started below) at the real one.
    api = await TestHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => api?.stop());

  it('posting still succeeds and the notification arrives once a worker with Redis runs', async () => {
    const admin = await createAdmin(api);
    const author = await createMember(api, admin);
    const replier = await createMember(api, admin);
    const categoryId = await createCategory(api, admin);
    const { threadId } = await createThread(api, author, categoryId);
    const postId = await reply(api, replier, threadId);

    const [{ pending }] = await api.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
    expect(pending).toBe(1);

    const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
    const worker = await TestHarness.workerFor(api, { REDIS_URL: redisUrl });
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const queue = new Queue('notifications', { connection, prefix: api.config.redisPrefix });
    try {
      const notes = () => api.dataSource.query(`SELECT 1 FROM notifications WHERE source_key = $1`, [`reply:${postId}`]);
      await eventually(async () => ((await notes()).length > 0 ? true : undefined));
      // Settled (the api's own settled() cannot reach this worker's Redis): nothing left to relay or run.
      await worker.get(OutboxRelay).drain();
      await eventually(async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        return Object.values(counts).every((n) => n === 0) ? true : undefined;
      });
      expect(await notes()).toHaveLength(1);
    } finally {
      await queue.close();
      connection.disconnect();
      await worker.close();
    }
  });
});
