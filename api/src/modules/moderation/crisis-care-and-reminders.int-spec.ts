import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestHarness } from '../../../test/harness';
import { createThread, Member } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { moderationLookups } from '../../../test/moderation-lookups';
import { ModerationProcessor } from './jobs/moderation.processor';
import { ACK, REPLY } from './moderation.test-ops';

/** Crisis replies alert every moderator and escalate to admins; open cases left too long remind moderators. */
describe('moderation', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let secondModerator: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, moderators: [moderator, secondModerator], categoryId } = await startCommunity({ worker: true, moderators: 2, category: true }));
  });
  afterAll(() => t?.stop());

  const { members, flagPost, caseFor, statusOf, notesOf } = moderationLookups(() => ({ t, admin, moderator }));

  describe('crisis care', () => {
    it('a crisis reply stays visible, returns safety resources, opens a CRISIS case and alerts every moderator', async () => {
      const [author, reader] = await members(2);
      const { threadId } = await createThread(t, author, categoryId);
      const { reply: r } = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I want to end it all tonight' } }, author.token);
      expect(r.post.status).toBe('VISIBLE');
      expect(r.safetyResources.map((s: any) => s.phone ?? s.text)).toEqual(['988', '1-800-662-4357', 'HOME to 741741', '911']);
      expect((await statusOf(threadId, r.post.id, reader)).status).toBe('VISIBLE');
      const crisis = await caseFor(r.post.id, 'CRISIS');
      expect(crisis).toMatchObject({ priority: 'CRISIS', status: 'OPEN' });
      for (const who of [moderator, secondModerator, admin]) {
        await eventually(async () => {
          const rows = await notesOf(who, 'FLAG_RAISED');
          return rows.some((n: any) => n.source_key === `case:${crisis.id}` && n.title.startsWith('Urgent')) ? true : undefined;
        });
      }
      const calm = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: "I'm not suicidal anymore, 90 days clean" } }, author.token);
      expect(calm.reply.safetyResources).toEqual([]);
    });

    it('escalates to admins when nobody acknowledges in time, and not once acknowledged', async () => {
      const [author] = await members(1);
      const { threadId } = await createThread(t, author, categoryId);
      const lonely = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I am going to kill myself' } }, author.token);
      const answered = await t.ok<{ reply: any }>(REPLY, { input: { threadId, body: 'I cut myself again last night' } }, author.token);
      const lonelyCase = await caseFor(lonely.reply.post.id, 'CRISIS');
      const answeredCase = await caseFor(answered.reply.post.id, 'CRISIS');
      const { acknowledgeCase } = await t.ok<{ acknowledgeCase: any }>(ACK, { id: answeredCase.id }, moderator.token);
      expect(acknowledgeCase.acknowledgedBy).toBe(moderator.id);
      // The escalation delay is 2 seconds in tests (CRISIS_ESCALATION_SECONDS).
      await eventually(async () => {
        const rows = await notesOf(admin, 'FLAG_RAISED');
        return rows.some((n: any) => n.source_key === `crisis-escalation:${lonelyCase.id}`) ? true : undefined;
      }, 15_000);
      await t.worker!.get(ModerationProcessor).escalate(answeredCase.id);
      const rows = await notesOf(admin, 'FLAG_RAISED');
      expect(rows.some((n: any) => n.source_key === `crisis-escalation:${answeredCase.id}`)).toBe(false);
      expect(await notesOf(moderator, 'FLAG_RAISED').then((r: any[]) => r.some((n) => n.source_key.startsWith('crisis-escalation')))).toBe(false);
    });
  });

  describe('case reminders', () => {
    it('reminds moderators of cases left open past the limit', async () => {
      const [author, flagger] = await members(2);
      const { postId } = await createThread(t, author, categoryId);
      await flagPost(flagger, postId, 'SPAM');
      const c = await caseFor(postId, 'RULES');
      await t.dataSource.query(`UPDATE flag_cases SET last_notified_at = now() - interval '49 hours' WHERE id = $1`, [c.id]);
      await t.worker!.get(ModerationProcessor).remindStale();
      const rows = await notesOf(moderator, 'FLAG_RAISED');
      expect(rows.filter((n: any) => n.source_key.startsWith(`case-reminder:${c.id}`))).toHaveLength(1);
      await t.worker!.get(ModerationProcessor).remindStale();
      expect((await notesOf(moderator, 'FLAG_RAISED')).filter((n: any) => n.source_key.startsWith(`case-reminder:${c.id}`))).toHaveLength(1);
    });
  });
});
