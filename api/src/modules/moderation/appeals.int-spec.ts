import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from '../../../test/harness';
import { createCategory, createMember, createThread, Member, reply } from '../../../test/factories';
import { startCommunity } from '../../../test/community';
import { APPEAL, DECIDE, FLAG } from './moderation.test-ops';

const EVENT = `query($id: ID!) { event(id: $id) { id status } }`;
const RESOURCE = `query($id: ID!) { resource(id: $id) { id status } }`;
const BOARDS = `{ resourceBoards { id name } }`;

/**
 * An upheld appeal undoes the decision the same way a moderator's restore does: whatever kind of
 * item was hidden comes back, and content coming back tells the people it would have told.
 */
describe('appeals', () => {
  let t: TestHarness;
  let admin: Member;
  let moderator: Member;
  let secondModerator: Member;

  beforeAll(async () => {
    // No worker yet: the post test needs its reply job to run only after the post was hidden.
    ({ t, admin, moderators: [moderator, secondModerator] } = await startCommunity({ worker: false, moderators: 2 }));
  });
  afterAll(() => t?.stop());

  /** A moderator's flag hides at once and logs a HIDE against the author: the decision appealed here. */
  const hideByFlag = async (flagger: Member, targetType: string, targetId: string): Promise<string> => {
    await t.ok(FLAG, { input: { targetType, targetId, reason: 'SPAM' } }, flagger.token);
    const [action]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM moderation_actions WHERE target_id = $1 AND action = 'HIDE'`,
      [targetId],
    );
    return action.id;
  };
  const appealAndUphold = async (appellant: Member, actionId: string, decider: Member) => {
    const { appeal } = await t.ok<{ appeal: { id: string } }>(APPEAL, { a: actionId, t: 'This was a mistake.' }, appellant.token);
    const { decideAppeal } = await t.ok<{ decideAppeal: { status: string } }>(
      DECIDE,
      { id: appeal.id, up: true, r: 'Agreed, it breaks no rule.' },
      decider.token,
    );
    expect(decideAppeal.status).toBe('UPHELD');
  };

  it('an upheld appeal brings a hidden event back', async () => {
    const startsAt = Date.now() + 72 * 3600_000;
    const { createEvent } = await t.ok<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Sunrise walk',
          kind: 'OUTDOORS',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3600_000).toISOString(),
          timeZone: 'America/Chicago',
          address: 'Lakeshore path, north entrance',
        },
      },
      admin.token,
    );
    const actionId = await hideByFlag(moderator, 'EVENT', createEvent.id);
    expect((await t.ok<{ event: { status: string } }>(EVENT, { id: createEvent.id }, admin.token)).event.status).toBe('HIDDEN');

    await appealAndUphold(admin, actionId, secondModerator);
    expect((await t.ok<{ event: { status: string } }>(EVENT, { id: createEvent.id }, admin.token)).event.status).toBe('VISIBLE');
  });

  it('an upheld appeal brings a hidden resource back', async () => {
    const boards = (await t.ok<{ resourceBoards: { id: string; name: string }[] }>(BOARDS, {}, admin.token)).resourceBoards;
    const { createResource } = await t.ok<{ createResource: { id: string; status: string } }>(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id status } }`,
      {
        input: {
          boardId: boards.find((b) => b.name === 'Jobs')!.id,
          title: 'Peer recovery coach',
          organization: 'Harbor Counseling',
          description: 'Part time, training provided.',
          url: 'https://jobs.example.org/coach',
          tags: ['part-time'],
        },
      },
      moderator.token,
    );
    expect(createResource.status).toBe('VISIBLE');
    const actionId = await hideByFlag(secondModerator, 'RESOURCE', createResource.id);
    expect((await t.ok<{ resource: { status: string } }>(RESOURCE, { id: createResource.id }, moderator.token)).resource.status).toBe('HIDDEN');

    await appealAndUphold(moderator, actionId, admin);
    expect((await t.ok<{ resource: { status: string } }>(RESOURCE, { id: createResource.id }, moderator.token)).resource.status).toBe('VISIBLE');
  });

  it('a reply hidden before anyone was told tells them once its appeal is upheld', async () => {
    const categoryId = await createCategory(t, admin);
    const [opener, replier] = [await createMember(t, admin), await createMember(t, admin)];
    const { threadId } = await createThread(t, opener, categoryId);
    const replyId = await reply(t, replier, threadId, 'Same here: the second week was the hardest.');
    const actionId = await hideByFlag(moderator, 'POST', replyId);

    // The reply's job runs now, while the post is hidden: nobody is told of it.
    await t.startWorker();
    await t.settled();
    const told = () =>
      t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'REPLY' AND source_key = $2`, [
        opener.id,
        `reply:${replyId}`,
      ]);
    expect(await told()).toHaveLength(0);

    await appealAndUphold(replier, actionId, secondModerator);
    const [{ status }]: { status: string }[] = await t.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [replyId]);
    expect(status).toBe('VISIBLE');
    await t.settled();
    expect(await told()).toHaveLength(1);
  });
});
