import { NOTIFY_APPEAL, NOTIFY_OUTCOME, REMIND_STALE_CASES } from '../modules/moderation/jobs/moderation.jobs';
import { ESCALATE_CRISIS, NOTIFY_CASE } from '../modules/screening/jobs/screening.jobs';
import { NOTIFY_MENTIONS, NOTIFY_REACTION, NOTIFY_REPLY } from '../modules/discussions/jobs/discussions.jobs';
import { DAILY_DIGEST, EMAIL_SWEEP } from '../modules/notifications/jobs/notifications.jobs';
import {
  EVENT_REMINDER,
  NOTIFY_EVENT_CANCELLED,
  NOTIFY_EVENT_CHANGED,
  NOTIFY_WAITLIST_PROMOTED,
} from '../modules/events/jobs/events.jobs';
import { MILESTONES_DAILY } from '../modules/milestones/jobs/milestones.jobs';
import { NOTIFY_RESOURCE_DECISION, RESOURCES_EXPIRY } from '../modules/resources/jobs/resources.jobs';
import { PASSWORD_RESET_EMAIL, REGISTRATION_ATTEMPT_EMAIL } from '../modules/accounts/jobs/accounts.jobs';
import { CHECK_IN_REMINDERS } from '../modules/recovery/check-ins/jobs/check-ins.jobs';
import { MENTOR_CHECK_INS } from '../modules/mentors/jobs/mentors.jobs';
import { JobDefinition } from './jobs';

/** Every job the system can enqueue. The worker refuses to start if one has no handler. */
export const ALL_JOBS: readonly JobDefinition<object>[] = [
  NOTIFY_REPLY,
  NOTIFY_MENTIONS,
  NOTIFY_REACTION,
  NOTIFY_CASE,
  ESCALATE_CRISIS,
  NOTIFY_OUTCOME,
  NOTIFY_APPEAL,
  REMIND_STALE_CASES,
  EVENT_REMINDER,
  NOTIFY_WAITLIST_PROMOTED,
  NOTIFY_EVENT_CHANGED,
  NOTIFY_EVENT_CANCELLED,
  EMAIL_SWEEP,
  DAILY_DIGEST,
  PASSWORD_RESET_EMAIL,
  REGISTRATION_ATTEMPT_EMAIL,
  MILESTONES_DAILY,
  NOTIFY_RESOURCE_DECISION,
  RESOURCES_EXPIRY,
  CHECK_IN_REMINDERS,
  MENTOR_CHECK_INS,
];

/**
 * Repeatable jobs: each runs once per interval however many workers there are, claimed in
 * PostgreSQL's schedule_runs by the sweeper (sweeper.service.ts), so no schedule lives only in
 * Redis. A new deployment runs each at once.
 */
export const SCHEDULES: readonly { job: JobDefinition<object>; everyMs: number }[] = [
  { job: REMIND_STALE_CASES, everyMs: 60 * 60_000 },
  { job: EMAIL_SWEEP, everyMs: 60_000 },
  { job: DAILY_DIGEST, everyMs: 15 * 60_000 },
  { job: MILESTONES_DAILY, everyMs: 60 * 60_000 },
  { job: RESOURCES_EXPIRY, everyMs: 60 * 60_000 },
  { job: CHECK_IN_REMINDERS, everyMs: 60_000 },
  { job: MENTOR_CHECK_INS, everyMs: 60 * 60_000 },
];
