import { blockedBetween } from '../accounts/blocks.service';

/**
 * SQL shared by reading and writing: who is related to whom (so may message directly), and
 * which messages a member reads. Parameters are SQL expressions.
 */

/** True when `a` and `b` are mentor and mentee, a member and their support person, or accepted contacts. */
export function relatedSql(a: string, b: string): string {
  return `(EXISTS (SELECT 1 FROM mentor_pairings mp WHERE mp.status = 'ACTIVE'
                 AND ((mp.mentor_id = ${a} AND mp.mentee_id = ${b}) OR (mp.mentor_id = ${b} AND mp.mentee_id = ${a})))
        OR EXISTS (SELECT 1 FROM support_links sl WHERE sl.status = 'ACTIVE'
                 AND ((sl.member_id = ${a} AND sl.supporter_id = ${b}) OR (sl.member_id = ${b} AND sl.supporter_id = ${a})))
        OR EXISTS (SELECT 1 FROM message_contacts mc WHERE mc.user_a = LEAST(${a}, ${b}) AND mc.user_b = GREATEST(${a}, ${b})))`;
}

/**
 * The messages of conversation rows `x` that member `viewer` reads: not across a block, and a
 * message held for review only by its author. Removed and deleted ones are kept (they read
 * "message removed").
 */
export function readableMessageSql(x: string, viewer: string): string {
  return `(${x}.status <> 'PENDING_REVIEW' OR ${x}.author_id = ${viewer})
      AND (${x}.author_id IS NULL OR ${x}.author_id = ${viewer} OR NOT ${blockedBetween(`${x}.author_id`, viewer)})`;
}

/** Messages in `x` that count as unread for a member whose membership row is `m`. */
export function unreadMessageSql(x: string, m: string): string {
  return `${x}.created_at > COALESCE(${m}.last_read_at, '-infinity'::timestamptz)
      AND ${x}.author_id IS DISTINCT FROM ${m}.user_id AND ${x}.status = 'VISIBLE' AND ${x}.deleted_at IS NULL
      AND ${readableMessageSql(x, `${m}.user_id`)}`;
}
