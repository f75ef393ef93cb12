import { defineJob } from '../../../queue/jobs';

/** A case opened (or needs attention again): tell every moderator. */
export const NOTIFY_CASE = defineJob<{ caseId: string }>('notifications', 'moderation.case-opened');

/** Delayed: if nobody has acknowledged this crisis case yet, tell the admins. */
export const ESCALATE_CRISIS = defineJob<{ caseId: string }>('notifications', 'moderation.escalate-crisis');
