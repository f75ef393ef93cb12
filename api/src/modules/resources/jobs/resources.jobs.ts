import { defineJob } from '../../../queue/jobs';

/** The author hears their posting was approved (or not, with the reason). */
export const NOTIFY_RESOURCE_DECISION = defineJob<{ resourceId: string; approved: boolean; reason?: string }>(
  'notifications',
  'resources.decision',
);

/** Repeatable (hourly): 7-day reminders and expiry notices, once per expiry date. */
export const RESOURCES_EXPIRY = defineJob<Record<string, never>>('notifications', 'resources.expiry');
