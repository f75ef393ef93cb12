import { createAdmin, createCategory, createMember, Member } from './factories';
import { TestHarness } from './harness';

/** What a spec's community starts with, beyond its first admin. */
export interface CommunityOptions {
  /** Settings over the harness's test defaults (see TestHarness.start). */
  env?: Record<string, string>;
  /** Start a worker too, so the outbox is relayed and jobs run. */
  worker?: boolean;
  /** How many members (role MEMBER) the admin invites and registers. */
  members?: number;
  /** How many moderators the admin invites and registers, after the members. */
  moderators?: number;
  /** One category the admin creates, last: `true`, or the category's name. */
  category?: true | string;
}

/** One test file's community: its harness, the first admin, and the members, moderators and category it asked for. */
export interface Community {
  t: TestHarness;
  admin: Member;
  members: Member[];
  moderators: Member[];
  /** The category `category` asked for ('' without it). */
  categoryId: string;
}

/**
 * The opening most integration specs share, for their beforeAll: a harness (and a worker), the
 * first admin, then the members, the moderators and a category, one after another in that order.
 * The spec stops `t` in its afterAll; should a step fail here, the harness is stopped before the
 * error is passed on, since the spec never got it.
 */
export async function startCommunity(options: CommunityOptions = {}): Promise<Community> {
  const t = await TestHarness.start(options.env);
  try {
    if (options.worker) await t.startWorker();
    const admin = await createAdmin(t);
    const members = await inOrder(options.members ?? 0, () => createMember(t, admin));
    const moderators = await inOrder(options.moderators ?? 0, () => createMember(t, admin, 'MODERATOR'));
    const categoryId = options.category
      ? await createCategory(t, admin, options.category === true ? undefined : options.category)
      : '';
    return { t, admin, members, moderators, categoryId };
  } catch (error) {
    // The step's error is the one to see, not a failure while cleaning up after it.
    await t.stop().catch(() => undefined);
    throw error;
  }
}

/** `count` results of `make`, each started after the one before has finished. */
async function inOrder<T>(count: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i++) made.push(await make());
  return made;
}
