import { defineJob } from '../../../queue/jobs';

// The job names keep their first prefix: jobs already queued under them still find their handler.

/** A reply was posted: tell the thread's watchers (and the author of a quoted post). */
export const NOTIFY_REPLY = defineJob<{ postId: string }>('notifications', 'notifications.reply');

/** A post was written or edited: tell the members it @mentions. */
export const NOTIFY_MENTIONS = defineJob<{ postId: string }>('notifications', 'notifications.mentions');

/** Someone reacted to a post: update the author's batched reaction notification. */
export const NOTIFY_REACTION = defineJob<{ postId: string }>('notifications', 'notifications.reaction');
