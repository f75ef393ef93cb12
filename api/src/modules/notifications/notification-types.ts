import type { NotificationType } from '@kinship/shared';

export type EmailMode = 'OFF' | 'IMMEDIATE' | 'DAILY_DIGEST';

export interface NotificationTypeSettings {
  /** What the preferences page calls it. */
  label: string;
  defaultEmail: EmailMode;
  /** A neutral email subject: never a post body, a recovery date or a diagnosis. */
  subject: string;
}

/**
 * Every notification type, in one place: adding a type is one entry here (plus its producer).
 * In-app is on by default for all of them.
 */
export const NOTIFICATION_TYPE_SETTINGS: Record<NotificationType, NotificationTypeSettings> = {
  REPLY: { label: 'Replies in threads you follow', defaultEmail: 'DAILY_DIGEST', subject: 'You have a new reply in Kinship' },
  MENTION: { label: 'Mentions of you', defaultEmail: 'DAILY_DIGEST', subject: 'Someone mentioned you in Kinship' },
  REACTION: { label: 'Support, hugs and strength on your posts', defaultEmail: 'DAILY_DIGEST', subject: 'Someone sent you support in Kinship' },
  MILESTONE: { label: 'Milestones of members you follow', defaultEmail: 'DAILY_DIGEST', subject: 'A member you follow has something to celebrate' },
  EVENT_REMINDER: { label: 'Reminders for events you are going to', defaultEmail: 'IMMEDIATE', subject: 'An event you are going to is coming up' },
  WAITLIST_PROMOTED: { label: 'A seat opened up for you', defaultEmail: 'IMMEDIATE', subject: 'A seat opened up for you in Kinship' },
  EVENT_CHANGED: { label: 'Changes to events you plan to attend', defaultEmail: 'IMMEDIATE', subject: 'An event you plan to attend has changed' },
  EVENT_CANCELLED: { label: 'Cancelled events', defaultEmail: 'IMMEDIATE', subject: 'An event you plan to attend was cancelled' },
  MODERATION_OUTCOME: { label: 'Moderation decisions about your posts or flags', defaultEmail: 'IMMEDIATE', subject: 'An update about your Kinship account' },
  FLAG_RAISED: { label: 'New flags and alerts (moderators)', defaultEmail: 'IMMEDIATE', subject: 'Something needs a moderator in Kinship' },
  RESOURCE_APPROVED: { label: 'Your resource postings approved', defaultEmail: 'IMMEDIATE', subject: 'Your Kinship resource posting was reviewed' },
  RESOURCE_EXPIRING: { label: 'Your resource postings about to expire', defaultEmail: 'IMMEDIATE', subject: 'A Kinship resource posting of yours is expiring' },
  REACH_OUT: { label: 'Someone you support would like to talk', defaultEmail: 'IMMEDIATE', subject: 'Someone in Kinship would like to talk' },
  SUPPORT_REQUEST: { label: 'Someone asked you to be one of their support people', defaultEmail: 'IMMEDIATE', subject: 'You have a request in Kinship' },
  CHECK_IN_REMINDER: { label: 'Gentle check-in reminders (only if you turn them on)', defaultEmail: 'OFF', subject: 'Your Kinship reminder' },
  NEW_MESSAGE: { label: 'New private messages', defaultEmail: 'IMMEDIATE', subject: 'You have a new message in Kinship' },
  MESSAGE_REQUEST: { label: 'Message requests from members', defaultEmail: 'IMMEDIATE', subject: 'You have a message request in Kinship' },
  MENTOR_REQUEST: { label: 'Mentor requests for you (mentors)', defaultEmail: 'IMMEDIATE', subject: 'You have a mentoring request in Kinship' },
  MENTOR_UPDATE: { label: 'News about your mentoring', defaultEmail: 'IMMEDIATE', subject: 'An update about mentoring in Kinship' },
  MENTOR_CHECK_IN: { label: 'How mentoring is going (after 30 days)', defaultEmail: 'IMMEDIATE', subject: 'A quick question from Kinship' },
};
