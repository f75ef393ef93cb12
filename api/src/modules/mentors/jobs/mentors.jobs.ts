import { defineJob } from '../../../queue/jobs';

/** Repeatable (hourly): the gentle 30-day check-in for pairings that have reached it. */
export const MENTOR_CHECK_INS = defineJob<Record<string, never>>('notifications', 'mentors.check-ins');
