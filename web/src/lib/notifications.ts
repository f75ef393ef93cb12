/** Notification helpers shared by the header island, the settings page and the unsubscribe page. */

/** The visible badge: capped at 99+, so it never pushes the header apart. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** The link's accessible name: the full count is always spoken, never capped. */
export function unreadLabel(count: number): string {
  return count > 0 ? `Notifications, ${count} unread` : 'Notifications';
}

/** The count from one `unread` server-sent event's data, or null when it is not a count. */
export function parseUnreadEvent(data: unknown): number | null {
  if (typeof data !== 'string' || !/^\d{1,9}$/.test(data.trim())) return null;
  return Number(data.trim());
}

/** What the live region says when the count goes up (nothing when it goes down or stays). */
export function unreadAnnouncement(previous: number, next: number): string | null {
  if (next <= previous) return null;
  return next === 1 ? 'You have 1 unread notification.' : `You have ${next} unread notifications.`;
}

export const EMAIL_CHOICES = [
  { value: 'OFF', label: 'Off' },
  { value: 'IMMEDIATE', label: 'Right away' },
  { value: 'DAILY_DIGEST', label: 'Daily summary' },
] as const;

export type EmailChoice = (typeof EMAIL_CHOICES)[number]['value'];

export function isEmailChoice(value: string): value is EmailChoice {
  return EMAIL_CHOICES.some((choice) => choice.value === value);
}

/** Minutes after midnight as an `<input type="time">` value ("22:00"). */
export function minutesToTime(minutes: number): string {
  const m = ((Math.trunc(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** An `<input type="time">` value ("07:30", seconds ignored) as minutes after midnight, or null. */
export function timeToMinutes(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/**
 * What the settings page calls each type (the api's own labels, for the unsubscribe page, which
 * cannot ask the api without using up the link).
 */
const TYPE_LABELS: Record<string, string> = {
  REPLY: 'Replies in threads you follow',
  MENTION: 'Mentions of you',
  REACTION: 'Support, hugs and strength on your posts',
  MILESTONE: 'Milestones of members you follow',
  EVENT_REMINDER: 'Reminders for events you are going to',
  WAITLIST_PROMOTED: 'A seat opened up for you',
  EVENT_CHANGED: 'Changes to events you plan to attend',
  EVENT_CANCELLED: 'Cancelled events',
  MODERATION_OUTCOME: 'Moderation decisions about your posts or flags',
  FLAG_RAISED: 'New flags and alerts (moderators)',
  RESOURCE_APPROVED: 'Your resource postings approved',
  RESOURCE_EXPIRING: 'Your resource postings about to expire',
  REACH_OUT: 'Someone you support would like to talk',
  CHECK_IN_REMINDER: 'Gentle check-in reminders (only if you turn them on)',
  SUPPORT_REQUEST: 'Someone asked you to be one of their support people',
  NEW_MESSAGE: 'New private messages',
  MESSAGE_REQUEST: 'Message requests from members',
  MENTOR_REQUEST: 'Mentor requests for you (mentors)',
  MENTOR_UPDATE: 'News about your mentoring',
  MENTOR_CHECK_IN: 'How mentoring is going (after 30 days)',
};

/**
 * The label for the kind of email an unsubscribe link is about, read from the link itself (it names
 * the type in the clear; only the api checks its signature). Null when the link is not readable.
 */
export function unsubscribeLabel(token: string): string | null {
  if (!token || token.length > 300 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let decoded: string;
  try {
    const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
    decoded = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const parts = decoded.split('.');
  if (parts.length !== 3) return null;
  return TYPE_LABELS[parts[1]] ?? null;
}
