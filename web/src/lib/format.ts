/** Date and number wording shared by the pages. Pure functions: the same answer on server and browser. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

function validZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; older than a week: the date. */
export function relativeTime(iso: string, now: Date = new Date(), timeZone?: string | null): string {
  const then = new Date(iso);
  const diff = then.getTime() - now.getTime();
  const ago = -diff;
  if (Number.isNaN(ago)) return '';
  if (ago < MINUTE && ago > -MINUTE) return 'just now';
  if (Math.abs(diff) < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute');
  if (Math.abs(diff) < DAY) return relative.format(Math.round(diff / HOUR), 'hour');
  if (Math.abs(diff) < 7 * DAY) return relative.format(Math.round(diff / DAY), 'day');
  return formatDate(iso, timeZone, now);
}

/** "Mar 4" this year, "Mar 4, 2025" otherwise, in the member's time zone. */
export function formatDate(iso: string, timeZone?: string | null, now: Date = new Date()): string {
  const zone = validZone(timeZone);
  const date = new Date(iso);
  const sameYear =
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: zone }).format(date) ===
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: zone }).format(now);
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: zone,
  }).format(date);
}

/** "Tuesday, March 4, 2026 at 6:05 PM" in the member's time zone (for titles and tooltips). */
export function formatDateTime(iso: string, timeZone?: string | null): string {
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: validZone(timeZone),
  }).format(new Date(iso));
}

/** "1 reply", "3 replies". */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
