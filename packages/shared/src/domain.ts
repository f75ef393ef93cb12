export const REACTION_KINDS = ['SUPPORT', 'HUG', 'STRENGTH'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export const SENSITIVE_TOPICS = ['ALCOHOL', 'OPIOIDS', 'STIMULANTS', 'GAMBLING', 'SELF_HARM', 'RELAPSE'] as const;
export type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];

export const FLAG_REASONS = [
  'HARASSMENT',
  'TRIGGERING',
  'SPAM',
  'PRIVACY',
  'MISINFORMATION',
  'SAFETY',
  'SUPPORT',
  'OTHER',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const CONTENT_STATUSES = ['VISIBLE', 'PENDING_REVIEW', 'HIDDEN', 'REMOVED'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const NOTIFICATION_TYPES = [
  'REPLY',
  'MENTION',
  'REACTION',
  'MILESTONE',
  'EVENT_REMINDER',
  'WAITLIST_PROMOTED',
  'EVENT_CHANGED',
  'EVENT_CANCELLED',
  'MODERATION_OUTCOME',
  'FLAG_RAISED',
  'RESOURCE_APPROVED',
  'RESOURCE_EXPIRING',
  'REACH_OUT',
  'CHECK_IN_REMINDER',
  'SUPPORT_REQUEST',
  'NEW_MESSAGE',
  'MESSAGE_REQUEST',
  'MENTOR_REQUEST',
  'MENTOR_UPDATE',
  'MENTOR_CHECK_IN',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The categories a new community starts with (DESIGN.md, Discussions). */
export const DEFAULT_CATEGORIES = [
  { name: 'Introductions', description: 'Say hello and tell us a little about where you are.' },
  { name: 'Daily check-in', description: 'How are you today? One line is enough.' },
  { name: 'Relapse prevention', description: 'Plans, triggers, and what helps when things get hard.' },
  { name: 'Stress and emotions', description: 'Anxiety, anger, grief, joy: talk it through with people who get it.' },
  { name: 'Family and relationships', description: 'Partners, parents, kids and friends in recovery.' },
  { name: 'Wins', description: 'Big or small, share what went well.' },
] as const;

export const EVENT_KINDS = ['OUTDOORS', 'FITNESS', 'SOCIAL', 'WORKSHOP', 'MEETING', 'ONLINE', 'OTHER'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const RSVP_STATUSES = ['GOING', 'MAYBE', 'NOT_GOING'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** The managed tags of resource postings (members may add free tags too). */
export const RESOURCE_TAGS = [
  'fair-chance employer',
  'recovery-friendly workplace',
  'part-time',
  'entry-level',
  'remote',
  'paid training',
  'peer-support role',
] as const;

/** The boards a new community starts with (DESIGN.md, Resource boards). */
export const DEFAULT_RESOURCE_BOARDS = [
  { name: 'Jobs', description: 'Openings with employers who welcome people in recovery.' },
  { name: 'Training and education', description: 'Courses, apprenticeships and certificates.' },
  { name: 'Housing', description: 'Sober living, rentals and housing help.' },
  { name: 'Legal and benefits', description: 'Record relief, benefits and legal aid.' },
  { name: 'Community services', description: 'Food, transport, health and other local help.' },
] as const;

/** How a member who deleted their account appears wherever their kept posts are shown. */
export const FORMER_MEMBER_NAME = 'Former member';
