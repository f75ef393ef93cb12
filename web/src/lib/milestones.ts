/** Milestone helpers for the "My recovery" page and the wall. */

export interface MilestoneLike {
  days: number;
  label: string;
}

/**
 * How far along the way to the next milestone a member is, as a whole percentage (0-100), counted
 * from the last milestone reached (or the start date).
 */
export function progressToNext(
  days: number,
  reached: readonly MilestoneLike[],
  next: MilestoneLike | null,
): number {
  if (!next) return 100;
  const from = reached.reduce((max, m) => (m.days <= days && m.days > max ? m.days : max), 0);
  const span = next.days - from;
  if (span <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round(((days - from) / span) * 100)));
}

/** "12 days to go until 30 days" (never negative; "today" when due). */
export function toGoText(days: number, next: MilestoneLike): string {
  const left = Math.max(0, next.days - days);
  if (left === 0) return `${next.label} is today`;
  return `${left} ${left === 1 ? 'day' : 'days'} to go until ${next.label}`;
}

/** "1 day" / "42 days". */
export function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Today's date in a time zone (or the browser's/server's when unknown), as YYYY-MM-DD. */
export function todayIn(timeZone: string | null | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone || undefined,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A YYYY-MM-DD date written out ("March 3, 2025"), without any time-zone shift. */
export function formatDay(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'long' }).format(utc);
}
