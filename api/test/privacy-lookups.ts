import { CREATE_EVENT, eventInput } from '../src/modules/privacy/privacy.test-ops';
import { Member } from './factories';
import { TestHarness } from './harness';

/** What the privacy specs do as a member, on the harness a spec starts in its beforeAll (read when a helper runs). */
export function privacyLookups(harness: () => TestHarness) {
  /** Runs `query` as `who` and returns its data (fails the test on any error). */
  const as = <T = any>(who: Member, query: string, variables: Record<string, unknown> = {}) =>
    harness().ok<T>(query, variables, who.token);
  /** An event `who` creates from `eventInput(extra)`: its id. */
  const event = async (who: Member, extra: Record<string, unknown> = {}) => {
    const input = eventInput(extra);
    const { createEvent } = await as<{ createEvent: { id: string } }>(who, CREATE_EVENT, { input });
    return createEvent.id;
  };
  /** Moves a post an hour into the past, beyond the grace period, so an edit of it keeps a revision. */
  const backdate = (postId: string) =>
    harness().dataSource.query(`UPDATE posts SET created_at = now() - interval '1 hour' WHERE id = $1`, [
      postId,
    ]);
  return { as, event, backdate };
}
