import { defineJob } from '../../../queue/jobs';

/** Repeatable (every minute): decide new notifications' email and send what is due. */
export const EMAIL_SWEEP = defineJob<Record<string, never>>('notifications', 'notifications.email-sweep');

/** Repeatable (every 15 minutes): daily digests for members whose morning it is. */
export const DAILY_DIGEST = defineJob<Record<string, never>>('notifications', 'notifications.daily-digest');
