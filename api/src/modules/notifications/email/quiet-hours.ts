import { DateTime } from 'luxon';

/**
 * When an email due at `at` may go out for a member with these quiet hours (minutes after local
 * midnight; start > end wraps past midnight, e.g. 22:00-07:00). Outside quiet hours: `at` itself;
 * inside: the end of the quiet hours. Both null: no quiet hours.
 */
export function afterQuietHours(at: Date, timeZone: string, start: number | null, end: number | null): Date {
  if (start === null || end === null || start === end) return at;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minutes = local.hour * 60 + local.minute;
  const quiet = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!quiet) return at;
  let endAt = local.startOf('day').plus({ minutes: end });
  if (endAt <= local) endAt = endAt.plus({ days: 1 });
  return endAt.toJSDate();
}
