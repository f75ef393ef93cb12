import { defineJob } from '../../../queue/jobs';

/** Repeatable (hourly): celebrate members whose local date reached a milestone today. */
export const MILESTONES_DAILY = defineJob<Record<string, never>>('notifications', 'milestones.daily');
