import { defineJob } from '../../../../queue/jobs';

/** Repeatable (every minute): the gentle check-in reminders due at members' chosen local times. */
export const CHECK_IN_REMINDERS = defineJob<Record<string, never>>('notifications', 'check-ins.reminders');
