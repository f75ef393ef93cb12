import { NOTIFY_MENTIONS, NOTIFY_REACTION, NOTIFY_REPLY } from '../modules/notifications/jobs/notifications.jobs';
import { JobDefinition } from './jobs';

/** Every job the system can enqueue. The worker refuses to start if one has no handler. */
export const ALL_JOBS: readonly JobDefinition<object>[] = [NOTIFY_REPLY, NOTIFY_MENTIONS, NOTIFY_REACTION];
