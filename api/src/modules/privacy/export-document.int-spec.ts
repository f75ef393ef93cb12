import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../../test/harness';
import { createMember, createThread, invite, Member, register, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { privacyLookups } from '../../../test/privacy-lookups';
import { EXPORT, marker, RSVP } from './privacy.test-ops';

/** The export a member downloads: one JSON document with every kind of their data, and nothing secret. */
describe('privacy: the export document', () => {
  let t: TestHarness;
  let admin: Member;
  let categoryId: string;

  beforeAll(async () => {
    ({ t, admin, categoryId } = await startCommunity({ worker: true, category: true }));
  });
  afterAll(() => t?.stop());

  const { as, event, backdate } = privacyLookups(() => t);

  it('exports one JSON document holding every kind of the member’s data, and nothing secret', async () => {
    const m = await createMember(t, admin);
    const other = await register(t, await invite(t, admin), marker('Friend'));
    const blocked = await register(t, await invite(t, admin), marker('Blocked'));
    const markers = {
      bio: marker('bio'),
      thread: marker('thread'),
      post: marker('post'),
      revision: marker('revision'),
      draft: marker('draft'),
      celebration: marker('celebration'),
      event: marker('event'),
      resource: marker('resource'),
      flagNote: marker('flagnote'),
    };
    await as(m, `mutation($b: String!) { updateProfile(input: { bio: $b }) { id } }`, { b: markers.bio });
    await as(m, `mutation { setRecoveryStart(date: "2024-02-29", visibility: ONLY_ME, announce: false) { daysSober } }`);
    await as(m, `mutation { setNotificationPreference(type: REPLY, inApp: true, email: OFF) { type } }`);
    const { threadId, postId } = await createThread(t, m, categoryId, `Title ${markers.thread}`, `First version ${markers.revision}`);
    await backdate(postId); // past the grace period, so the edit keeps a revision
    await as(m, `mutation($id: ID!, $b: String!) { editPost(id: $id, body: $b) { id } }`, { id: postId, b: `Now ${markers.post}` });
    await as(m, `mutation($b: String!) { saveDraft(input: { key: "new-thread", body: $b }) { key } }`, { b: markers.draft });
    const { threadId: othersThread, postId: othersPost } = await createThread(t, other, categoryId);
    await as(m, `mutation($p: ID!) { react(postId: $p, kind: HUG) { id } }`, { p: othersPost });
    await reply(t, other, threadId, 'Thank you for sharing.');
    const celebration = (
      await as<{ celebrate: { id: string } }>(other, `mutation($t: String!) { celebrate(input: { title: $t, body: "A year." }) { id } }`, {
        t: `Celebrating ${markers.celebration}`,
      })
    ).celebrate.id;
    await as(m, `mutation($c: ID!) { cheer(celebrationId: $c) { id } }`, { c: celebration });
    await as(m, `mutation($u: ID!) { followUser(userId: $u, following: true) { id } }`, { u: other.id });
    await as(m, `mutation($u: ID!) { blockUser(userId: $u) }`, { u: blocked.id });
    const eventId = await event(admin, { title: `Walk ${markers.event}` });
    await as(m, RSVP, { id: eventId });
    const organised = await event(m, { title: `Game night ${markers.event}` });
    const boardId = (await as<{ resourceBoards: { id: string }[] }>(m, `{ resourceBoards { id } }`)).resourceBoards[0].id;
    await as(m, `mutation($i: CreateResourceInput!) { createResource(input: $i) { id } }`, {
      i: { boardId, title: `Job ${markers.resource}`, organization: 'Northside', description: 'Day shifts.', url: 'https://example.org/j' },
    });
    await as(m, `mutation($i: FlagInput!) { flag(input: $i) }`, {
      i: { targetType: 'POST', targetId: othersPost, reason: 'SPAM', note: markers.flagNote },
    });
    await t.settled();

    const data = JSON.parse((await as<{ exportMyData: string }>(m, EXPORT)).exportMyData);
    expect(data.profile).toMatchObject({ id: m.id, email: m.email, displayName: m.displayName, bio: markers.bio });
    expect(data.recovery).toMatchObject({ start: '2024-02-29', visibility: 'ONLY_ME' });
    expect(data.recovery.milestonesReached.length).toBeGreaterThan(5);
    expect(data.preferences.notifications).toContainEqual({ type: 'REPLY', inApp: true, email: 'OFF' });
    expect(data.threads).toEqual([expect.objectContaining({ id: threadId, title: `Title ${markers.thread}` })]);
    expect(data.posts[0].body).toContain(markers.post);
    expect(data.posts[0].revisions[0].body).toContain(markers.revision);
    expect(data.drafts[0].body).toBe(markers.draft);
    expect(data.reactions).toEqual([expect.objectContaining({ postId: othersPost, kind: 'HUG' })]);
    expect(data.cheers).toEqual([expect.objectContaining({ celebrationId: celebration, celebrationTitle: `Celebrating ${markers.celebration}` })]);
    expect(data.following).toEqual([expect.objectContaining({ displayName: other.displayName })]);
    expect(data.blocked).toEqual([expect.objectContaining({ displayName: blocked.displayName })]);
    expect(data.rsvps).toEqual([expect.objectContaining({ eventId, eventTitle: `Walk ${markers.event}`, status: 'GOING' })]);
    expect(data.eventsOrganised).toEqual([expect.objectContaining({ id: organised, title: `Game night ${markers.event}` })]);
    expect(data.resourcesPosted[0].title).toBe(`Job ${markers.resource}`);
    // Flags: the reason and the target only, never the note or who else flagged.
    expect(data.flagsRaised).toEqual([{ reason: 'SPAM', targetType: 'POST', targetId: othersPost, createdAt: expect.any(String) }]);
    expect(data.notifications.some((n: { type: string }) => n.type === 'REPLY')).toBe(true);
    expect(data.sessions).toEqual([expect.objectContaining({ current: true, createdAt: expect.any(String) })]);
    expect(data.invitesUsed).toEqual([expect.objectContaining({ role: 'MEMBER' })]);
    expect(data.watching.map((w: { threadId: string }) => w.threadId)).toContain(threadId);

    // Nothing secret and nothing about others beyond display names.
    const text = JSON.stringify(data);
    expect(text).not.toContain(m.token);
    expect(text).not.toMatch(/password|token_?hash|tokenHash/i);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(blocked.email);
    expect(text).not.toContain(othersThread);
    expect(errorOf(await t.gql(EXPORT)).code).toBe('UNAUTHENTICATED');
  });
});
