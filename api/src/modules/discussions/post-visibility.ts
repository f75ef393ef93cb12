import { hasRole } from '@kinship/shared';
import { Viewer } from '../../auth/viewer';

/**
 * Who may see which posts and threads, as SQL conditions. Pure: they are tested without a
 * database (post-visibility.spec.ts) and used by every read of posts and threads.
 */

/**
 * A post is visible to everyone when VISIBLE; otherwise only to its author and to moderators.
 * Returns a SQL condition on the alias `p` and its parameters.
 */
export function visiblePosts(viewer: Viewer): [string, Record<string, unknown>] {
  if (hasRole(viewer.role, 'MODERATOR')) return ['TRUE', {}];
  // A post is seen only in a thread whose opening post the viewer may see: hiding an opening post
  // hides the whole thread, including its title through any reply.
  return [
    `(p.status = 'VISIBLE' OR p.author_id = :viewerId)
     AND EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = p.thread_id AND op.position = 1
                   AND (op.status = 'VISIBLE' OR op.author_id = :viewerId))`,
    { viewerId: viewer.id },
  ];
}

/** A thread (alias `t`) whose opening post the viewer may see; the parameter is `:viewerId`. */
export function openingPostVisible(viewer: Viewer): string {
  if (hasRole(viewer.role, 'MODERATOR')) return 'TRUE';
  return `EXISTS (SELECT 1 FROM posts op WHERE op.thread_id = t.id AND op.position = 1
                    AND (op.status = 'VISIBLE' OR op.author_id = :viewerId))`;
}

/** Rows in the order of the ids asked for, null where none was found (a DataLoader's contract). */
export function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
