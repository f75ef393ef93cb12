import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createAdmin, createCategory, createMember, createThread, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { moderationLookups } from '../../../test/moderation-lookups';
import { FLAG, MODERATE, QUEUE, REPLY, WORD } from './moderation.test-ops';

/** The rules staff set: watched words, holding first posts for review, and the moderation thresholds. */
describe('moderation', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator], categoryId } = await startCommunity({ worker: true, moderators: 1, category: true }));
  });
  afterAll(() => t?.stop());

  const { members, caseFor, statusOf } = moderationLookups(() => ({ t, admin, moderator }));

  describe('watched words and pre-moderation', () => {
    it('BLOCK refuses a post naming the word (whole word, any case); REVIEW holds it for a moderator', async () => {
      const [author, reader] = await members(2);
      await t.ok(WORD, { input: { word: 'Badword', action: 'BLOCK' } }, admin.token);
      await t.ok(WORD, { input: { word: 'meet up offline', action: 'REVIEW' } }, admin.token);
      const { threadId } = await createThread(t, author, categoryId);
      const blocked = errorOf(await t.gql(REPLY, { input: { threadId, body: 'this has a BADWORD in it' } }, author.token));
      expect(blocked).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      expect(blocked.message).toMatch(/BADWORD/);
      const fine = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'badwords and notbadword are fine' } }, author.token);
      expect(fine.reply.post.status).toBe('VISIBLE');
      const held = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'Want to Meet  Up Offline?' } }, author.token);
      expect(held.reply.post.status).toBe('PENDING_REVIEW');
      expect(await statusOf(threadId, held.reply.post.id, reader)).toBeUndefined();
      expect((await caseFor(held.reply.post.id, 'PREMODERATION')).status).toBe('OPEN');
    });

    it("holds a new member's first posts for approval; approval publishes and notifies", async () => {
      const strict = await TestHarness.start({ PREMOD_FIRST_POSTS: '2' });
      try {
        await strict.startWorker();
        const boss = await createAdmin(strict);
        const mod = await createMember(strict, boss, 'MODERATOR');
        const cat = await createCategory(strict, boss);
        const [newcomer, reader] = [await createMember(strict, boss), await createMember(strict, boss)];
        const { threadId, postId } = await createThread(strict, newcomer, cat, 'Hello from a newcomer');
        const visibleTo = async (who: Member) =>
          (await strict.ok<{ thread: any }>(`query($id: ID!) { thread(id: $id) { id } }`, { id: threadId }, who.token)).thread;
        expect(await visibleTo(reader)).toBeNull();
        expect(await visibleTo(newcomer)).not.toBeNull();
        const queue = (await strict.ok<{ moderationQueue: any }>(QUEUE, {}, mod.token)).moderationQueue.edges.map((e: any) => e.node);
        const pending = queue.find((c: any) => c.targetId === postId);
        expect(pending).toMatchObject({ kind: 'PREMODERATION', post: { status: 'PENDING_REVIEW' } });
        await strict.ok(MODERATE, { input: { caseId: pending.id, action: 'APPROVE' } }, mod.token);
        expect(await visibleTo(reader)).not.toBeNull();
        // Staff are never held; after two approved posts, neither is the member.
        const second = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'second post' } }, newcomer.token);
        expect(second.reply.post.status).toBe('PENDING_REVIEW');
        const secondCase = (await strict.ok<{ moderationQueue: any }>(QUEUE, {}, mod.token)).moderationQueue.edges
          .map((e: any) => e.node)
          .find((c: any) => c.targetId === second.reply.post.id);
        await strict.ok(MODERATE, { input: { caseId: secondCase.id, action: 'APPROVE' } }, mod.token);
        const third = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'third post' } }, newcomer.token);
        expect(third.reply.post.status).toBe('VISIBLE');
        const staff = await strict.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'welcome' } }, mod.token);
        expect(staff.reply.post.status).toBe('VISIBLE');
        await strict.settled();
        const approved = await strict.dataSource.query(
          `SELECT title FROM notifications WHERE user_id = $1 AND type = 'MODERATION_OUTCOME'`,
          [newcomer.id],
        );
        expect(approved.map((n: any) => n.title)).toContain('Your post was approved and is now visible');
      } finally {
        await strict.stop();
      }
    });
  });
});

describe('moderation settings', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  const SETTINGS = `{ moderationSettings { flagHideThreshold premodFirstPosts crisisEscalationMinutes } }`;
  const UPDATE = `mutation($input: ModerationSettingsInput!) { updateModerationSettings(input: $input) { flagHideThreshold premodFirstPosts crisisEscalationMinutes } }`;

  it('admins override thresholds (validated), moderators read them, null restores the default, and flags obey', async () => {
    const admin = await createAdmin(t);
    const moderator = await createMember(t, admin, 'MODERATOR');
    const [author, flagger] = [await createMember(t, admin), await createMember(t, admin)];
    expect(errorOf(await t.gql(SETTINGS)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(SETTINGS, {}, author.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(UPDATE, { input: { flagHideThreshold: 1 } }, moderator.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(UPDATE, { input: { flagHideThreshold: 0 } }, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'flagHideThreshold',
    });
    expect(await t.ok(SETTINGS, {}, moderator.token)).toEqual({
      moderationSettings: { flagHideThreshold: 3, premodFirstPosts: 0, crisisEscalationMinutes: 0 },
    });
    await t.ok(UPDATE, { input: { flagHideThreshold: 1, crisisEscalationMinutes: 15 } }, admin.token);
    const categoryId = await createCategory(t, admin);
    const { postId } = await createThread(t, author, categoryId);
    await t.ok(FLAG, { input: { targetType: 'POST', targetId: postId, reason: 'SPAM' } }, flagger.token);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    expect(status).toBe('HIDDEN');
    expect(await t.ok(UPDATE, { input: { flagHideThreshold: null } }, admin.token)).toEqual({
      updateModerationSettings: { flagHideThreshold: 3, premodFirstPosts: 0, crisisEscalationMinutes: 15 },
    });
  });
});
