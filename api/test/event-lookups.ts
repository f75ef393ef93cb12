import { CREATE, EVENT, input } from '../src/modules/events/events.test-ops';
import { Member } from './factories';
import { TestHarness } from './harness';

/**
 * Creating an event from `input()` and reading one back, as `who`, on the harness an events spec
 * starts in its beforeAll (read when a lookup runs).
 */
export function eventLookups(harness: () => TestHarness) {
  const create = async (who: Member, extra: Record<string, unknown> = {}) =>
    (await harness().ok<{ createEvent: any }>(CREATE, { input: input(extra) }, who.token)).createEvent;
  const eventAs = async (who: Member, id: string) =>
    (await harness().ok<{ event: any }>(EVENT, { id }, who.token)).event;
  return { create, eventAs };
}
