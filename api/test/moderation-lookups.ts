import { FLAG, POST_STATUS, QUEUE } from '../src/modules/moderation/moderation.test-ops';
import { createMember, Member } from './factories';
import { TestHarness } from './harness';

/** The harness, admin and moderator a moderation spec sets up in its beforeAll (read when a lookup runs). */
export type ModerationWorld = () => { t: TestHarness; admin: Member; moderator: Member };

/** Lookups the moderation specs share: new members, flagging a post, a post's case, status and notifications. */
export function moderationLookups(world: ModerationWorld) {
  const members = (n: number) => {
    const { t, admin } = world();
    return Promise.all(Array.from({ length: n }, () => createMember(t, admin)));
  };
  const flagPost = (who: Member, postId: string, reason = 'HARASSMENT', note?: string) =>
    world().t.gql(FLAG, { input: { targetType: 'POST', targetId: postId, reason, note } }, who.token);
  const caseFor = async (targetId: string, kind?: string) => {
    const { t, moderator } = world();
    return (await t.ok<{ moderationQueue: any }>(QUEUE, {}, moderator.token)).moderationQueue.edges
      .map((e: any) => e.node)
      .find((c: any) => c.targetId === targetId && (!kind || c.kind === kind));
  };
  const statusOf = async (threadId: string, postId: string, who: Member = world().moderator) =>
    (await world().t.ok<{ thread: any }>(POST_STATUS, { id: threadId }, who.token)).thread?.posts.edges.find((e: any) => e.node.id === postId)?.node;
  const notesOf = (who: Member, type: string) =>
    world().t.dataSource.query(`SELECT title, body, url, source_key FROM notifications WHERE user_id = $1 AND type = $2 ORDER BY created_at`, [who.id, type]);
  return { members, flagPost, caseFor, statusOf, notesOf };
}
