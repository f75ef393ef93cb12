/** Pure rules about posting, kept apart from storage so they can be tested on their own. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Edits in the first minutes after posting keep no revision and do not mark the post edited. */
export const EDIT_GRACE_MS = 5 * MINUTE;
/** Members who joined less than this long ago are "new": shorter edit window, slower posting. */
export const NEW_MEMBER_MS = 7 * DAY;

export function isNewMember(joinedAt: Date, now: Date = new Date()): boolean {
  return now.getTime() - joinedAt.getTime() < NEW_MEMBER_MS;
}

/** How long after posting the author may edit: 30 days, or 24 hours for new members. */
export function editWindowMs(authorJoinedAt: Date, now: Date = new Date()): number {
  return isNewMember(authorJoinedAt, now) ? DAY : 30 * DAY;
}

export type EditDecision = 'grace' | 'revise' | 'expired';

/** Whether an edit now is inside the grace period, an ordinary revised edit, or too late. */
export function editDecision(postedAt: Date, authorJoinedAt: Date, now: Date = new Date()): EditDecision {
  const age = now.getTime() - postedAt.getTime();
  if (age > editWindowMs(authorJoinedAt, now)) return 'expired';
  return age <= EDIT_GRACE_MS ? 'grace' : 'revise';
}

/** "3 members sent support", "Jess T sent a hug", "2 members reacted to your post". */
export function reactionSummary(kinds: string[], members: number, firstName: string): string {
  const distinct = new Set(kinds);
  const verb =
    distinct.size === 1
      ? { SUPPORT: 'sent support', HUG: 'sent a hug', STRENGTH: 'sent strength' }[kinds[0]] ?? 'reacted to your post'
      : 'reacted to your post';
  return members === 1 ? `${firstName} ${verb}` : `${members} members ${verb}`;
}
