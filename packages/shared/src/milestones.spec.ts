import { describe, expect, it } from 'vitest';
import { addMonths, isLocalDate, localDate, milestoneLadder, milestoneProgress } from './milestones.js';

const dateOf = (start: string, key: string) =>
  milestoneProgress(start, '2100-01-01').reached.find((m) => m.key === key)?.date;

describe('milestone ladder', () => {
  it('runs 24 hours, 30, 60, 90 days, 6 and 9 months, 1 year, 18 months, then every year', () => {
    expect(milestoneLadder(4).map((m) => m.label)).toEqual([
      '24 hours',
      '30 days',
      '60 days',
      '90 days',
      '6 months',
      '9 months',
      '1 year',
      '18 months',
      '2 years',
      '3 years',
      '4 years',
    ]);
  });

  it('counts months by the calendar, clamping to the end of shorter months', () => {
    expect(dateOf('2026-01-31', 'MONTHS_6')).toBe('2026-07-31');
    expect(dateOf('2025-08-31', 'MONTHS_6')).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(dateOf('2023-08-31', 'MONTHS_6')).toBe('2024-02-29'); // leap year
  });

  it('handles leap days: a year after 2024-02-29 is 2025-02-28, four years after is 2028-02-29', () => {
    expect(dateOf('2024-02-29', 'YEAR_1')).toBe('2025-02-28');
    expect(dateOf('2024-02-29', 'YEAR_4')).toBe('2028-02-29');
  });

  it('counts day milestones by days: 24 hours is the next day, 30 days is 30 days later', () => {
    expect(dateOf('2026-11-27', 'HOURS_24')).toBe('2026-11-28');
    expect(dateOf('2026-01-31', 'DAYS_30')).toBe('2026-03-02');
  });

  it('a start date of today has 0 days, nothing reached, and 24 hours next (tomorrow)', () => {
    expect(milestoneProgress('2026-11-27', '2026-11-27')).toMatchObject({
      daysSober: 0,
      reached: [],
      next: { key: 'HOURS_24', date: '2026-11-28' },
    });
  });

  it('gives days sober, reached milestones and the next one', () => {
    const progress = milestoneProgress('2026-01-01', '2026-04-15');
    expect(progress.daysSober).toBe(104);
    expect(progress.reached.map((m) => m.key)).toEqual(['HOURS_24', 'DAYS_30', 'DAYS_60', 'DAYS_90']);
    expect(progress.next).toMatchObject({ key: 'MONTHS_6', date: '2026-07-01' });
  });

  it('takes "today" in the member\'s own time zone, either side of midnight', () => {
    const instant = new Date('2026-11-28T03:30:00Z'); // 21:30 on the 27th in Chicago, 03:30 on the 28th in London
    expect(localDate(instant, 'America/Chicago')).toBe('2026-11-27');
    expect(localDate(instant, 'Europe/London')).toBe('2026-11-28');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2026-11-28');
  });

  it('recognises real dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('yesterday')).toBe(false);
  });
});
