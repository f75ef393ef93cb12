import { DateTime } from 'luxon';

export type Frequency = 'WEEKLY' | 'MONTHLY';

/**
 * The start times of a recurring series, computed in the event's own time zone so the local
 * wall-clock time holds across daylight-saving changes; a monthly series on the 31st falls on
 * the last day of shorter months.
 */
export function seriesStarts(first: Date, timeZone: string, frequency: Frequency, count: number): Date[] {
  const start = DateTime.fromJSDate(first, { zone: timeZone });
  return Array.from({ length: count }, (_, i) =>
    (frequency === 'WEEKLY' ? start.plus({ weeks: i }) : start.plus({ months: i })).toJSDate(),
  );
}
