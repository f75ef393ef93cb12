import { defineJob } from '../../../queue/jobs';

/** A moderator acted: tell the member affected (with the reason) and, for flags, the flaggers. */
export const NOTIFY_OUTCOME = defineJob<{ actionId: string }>('notifications', 'moderation.outcome');

/** Repeatable: remind moderators of cases open longer than the stale limit. */
export const REMIND_STALE_CASES = defineJob<Record<string, never>>('notifications', 'moderation.remind-stale');

/** A member appealed: tell the moderators (except the one whose decision it is). */
export const NOTIFY_APPEAL = defineJob<{ appealId: string }>('notifications', 'moderation.appeal');
