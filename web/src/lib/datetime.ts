/**
 * Wall-clock times as a `datetime-local` field holds them ("2026-03-04T18:05"), read in the
 * member's own time zone. Pure functions: the same answer on the server and in the browser.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function zoneOrUtc(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The wall-clock parts of `date` in `timeZone`, as if they were UTC (milliseconds). */
function wallClockMs(date: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/**
 * "2026-03-04T18:05" in `timeZone` as an instant (ISO, UTC), or null when the text is not a
 * date and time. In the hour a clock skips, the later reading wins; in the hour it repeats, the
 * earlier one.
 */
export function zonedToIso(local: string, timeZone?: string | null): string | null {
  const match = LOCAL.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const zone = zoneOrUtc(timeZone);
  // Two rounds find the offset in force at that wall-clock time, also across a change of offset.
  let guess = asUtc - (wallClockMs(new Date(asUtc), zone) - asUtc);
  guess = asUtc - (wallClockMs(new Date(guess), zone) - guess);
  return new Date(guess).toISOString();
}

/** `date` as a `datetime-local` value in `timeZone` ("2026-03-04T18:05"). */
export function isoToZoned(date: Date | string, timeZone?: string | null): string {
  const ms = wallClockMs(new Date(date), zoneOrUtc(timeZone));
  return new Date(ms).toISOString().slice(0, 16);
}
