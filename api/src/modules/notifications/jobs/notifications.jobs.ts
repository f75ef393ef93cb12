import { defineJob } from '../../../queue/jobs';

/** A reply was posted: tell the thread's author. */
export const NOTIFY_REPLY = defineJob<{ postId: string }>('notifications', 'notifications.reply');
