/**
 * The conventional sobriety milestones: 24 hours, 30, 60 and 90 days, 6 and 9 months, 1 year,
 * 18 months, then every year. Month and year milestones follow the calendar (6 months after
 * 2026-01-31 is 2026-07-31; after 2025-08-31 it is 2026-02-28, the month's last day). Dates are
 * local calendar dates (YYYY-MM-DD) in the member's own time zone.
 */

export interface MilestoneStep {
  key: string;
  label: string;
  days?: number;
  months?: number;
}

const FIXED: MilestoneStep[] = [
  { key: 'HOURS_24', label: '24 hours', days: 1 },
  { key: 'DAYS_30', label: '30 days', days: 30 },
  { key: 'DAYS_60', label: '60 days', days: 60 },
  { key: 'DAYS_90', label: '90 days', days: 90 },
  { key: 'MONTHS_6', label: '6 months', months: 6 },
  { key: 'MONTHS_9', label: '9 months', months: 9 },
  { key: 'YEAR_1', label: '1 year', months: 12 },
  { key: 'MONTHS_18', label: '18 months', months: 18 },
];

/** The ladder up to `years` years (every year after the first two). */
export function milestoneLadder(years = 60): MilestoneStep[] {
  const yearly = Array.from({ length: Math.max(0, years - 1) }, (_, i) => ({
    key: `YEAR_${i + 2}`,
    label: `${i + 2} years`,
    months: (i + 2) * 12,
  }));
  return [...FIXED, ...yearly];
}

export interface MilestoneDate extends MilestoneStep {
  /** The local date the milestone falls on. */
  date: string;
  /** Days from the start date to that date. */
  daysFromStart: number;
}

function parse(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  try {
    const { y, m, d } = parse(value);
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  } catch {
    return false;
  }
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Calendar months, clamped to the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** Today's date where the member lives. */
export function localDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function milestoneDate(start: string, step: MilestoneStep): MilestoneDate {
  const date = step.days !== undefined ? addDays(start, step.days) : addMonths(start, step.months ?? 0);
  return { ...step, date, daysFromStart: daysBetween(start, date) };
}

export interface MilestoneProgressValue {
  daysSober: number;
  reached: MilestoneDate[];
  next: MilestoneDate | null;
}

/** Days sober today, the milestones reached (oldest first) and the next one. */
export function milestoneProgress(start: string, today: string): MilestoneProgressValue {
  const daysSober = Math.max(0, daysBetween(start, today));
  const dated = milestoneLadder().map((step) => milestoneDate(start, step));
  return {
    daysSober,
    reached: dated.filter((m) => m.date <= today),
    next: dated.find((m) => m.date > today) ?? null,
  };
}
