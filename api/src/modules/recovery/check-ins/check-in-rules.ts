import { DateTime } from 'luxon';

/** The rules of check-ins that need no database, each with a unit spec (check-in-rules.spec.ts). */

/** The longest "what helped" / "what was hard" answer. */
export const CHECK_IN_TEXT_MAX = 280;
/** Past days a member may still fill in: today and up to this many days back. */
export const BACKFILL_DAYS = 7;
/** Hard days in a row before the member is shown their plan. */
export const HARD_DAYS_FOR_PLAN = 3;
/** The BARC-10's items, each answered 1 (strongly disagree) to 6 (strongly agree). */
export const BARC_ITEMS = 10;
export const BARC_MIN = 1;
export const BARC_MAX = 6;
/** The trend ranges a member can look at. */
export const TREND_RANGES = [30, 90] as const;
/** How many months of BARC-10 totals the trend carries. */
export const TREND_CAPITAL_MONTHS = 12;
/** How long after the chosen time a reminder may still go (a worker that was down sends late, never hours late). */
export const REMINDER_WINDOW_MINUTES = 60;

/** A day with cravings at their strongest or mood at its lowest. */
export function isHardDay(c: { mood: number; cravings: number }): boolean {
  return c.cravings === 4 || c.mood === 1;
}

/** The local date-time of an instant in a member's zone (UTC when the zone is unknown). */
export function localTime(now: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' });
}

/** Today's date (YYYY-MM-DD) in the member's time zone. */
export function localToday(now: Date, timeZone: string): string {
  return localTime(now, timeZone).toISODate()!;
}

/** This month (YYYY-MM) in the member's time zone. */
export function localMonth(now: Date, timeZone: string): string {
  return localTime(now, timeZone).toFormat('yyyy-MM');
}

/** A real calendar date written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whether a check-in may be written for `day` when it is `today` for the member. */
export function dayWindow(day: string, today: string): 'ok' | 'future' | 'too-old' {
  if (day > today) return 'future';
  if (day < addDays(today, -BACKFILL_DAYS)) return 'too-old';
  return 'ok';
}

/** Every day from `from` to `to` inclusive, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface HardStretch {
  hardDays: number;
  /** The first and last day of the stretch (null when there is none). */
  start: string | null;
  end: string | null;
}

/**
 * The run of consecutive hard days ending today, or ending yesterday while today has no
 * check-in yet (a day without a check-in, or a day that was not hard, ends it). `checkIns` may
 * come in any order and may hold days after today (they are ignored).
 */
export function hardStretch(checkIns: readonly { day: string; mood: number; cravings: number }[], today: string): HardStretch {
  const byDay = new Map(checkIns.map((c) => [c.day, c]));
  let end = today;
  if (!byDay.has(today)) end = addDays(today, -1);
  let day = end;
  let hardDays = 0;
  for (;;) {
    const c = byDay.get(day);
    if (!c || !isHardDay(c)) break;
    hardDays++;
    day = addDays(day, -1);
  }
  if (hardDays === 0) return { hardDays: 0, start: null, end: null };
  return { hardDays, start: addDays(end, -(hardDays - 1)), end };
}

/** Whether the reach-out offer was already made in this stretch (recorded as a day inside it). */
export function offeredInStretch(stretch: HardStretch, offeredOn: string | null): boolean {
  return !!offeredOn && !!stretch.start && !!stretch.end && offeredOn >= stretch.start && offeredOn <= stretch.end;
}

/** "HH:MM" (24-hour) as minutes after midnight, or null when it is not a time of day. */
export function parseTimeOfDay(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatTimeOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Whether a reminder chosen for `reminderMinute` is due at this local time: from the chosen
 * minute for REMINDER_WINDOW_MINUTES, within the same local day.
 */
export function reminderDue(local: DateTime, reminderMinute: number): boolean {
  const minute = local.hour * 60 + local.minute;
  return minute >= reminderMinute && minute < reminderMinute + REMINDER_WINDOW_MINUTES;
}

/** Why a BARC-10 answer list is not valid, or null when it is. */
export function barcProblem(answers: readonly number[]): string | null {
  if (answers.length !== BARC_ITEMS) return `Please answer all ${BARC_ITEMS} statements (${answers.length} answered).`;
  const bad = answers.findIndex((a) => !Number.isInteger(a) || a < BARC_MIN || a > BARC_MAX);
  if (bad >= 0) return `Statement ${bad + 1} needs an answer from ${BARC_MIN} (strongly disagree) to ${BARC_MAX} (strongly agree).`;
  return null;
}
