import { defineJob } from '../../../queue/jobs';

/** A reply was posted: tell the thread's watchers (and the author of a quoted post). */
export const NOTIFY_REPLY = defineJob<{ postId: string }>('notifications', 'notifications.reply');

/** A post was written or edited: tell the members it @mentions. */
export const NOTIFY_MENTIONS = defineJob<{ postId: string }>('notifications', 'notifications.mentions');

/** Someone reacted to a post: update the author's batched reaction notification. */
export const NOTIFY_REACTION = defineJob<{ postId: string }>('notifications', 'notifications.reaction');

/** Repeatable (every minute): decide new notifications' email and send what is due. */
export const EMAIL_SWEEP = defineJob<Record<string, never>>('notifications', 'notifications.email-sweep');

/** Repeatable (every 15 minutes): daily digests for members whose morning it is. */
export const DAILY_DIGEST = defineJob<Record<string, never>>('notifications', 'notifications.daily-digest');
