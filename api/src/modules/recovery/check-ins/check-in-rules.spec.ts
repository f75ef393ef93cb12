import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  addDays,
  barcProblem,
  dayWindow,
  daysBetween,
  formatTimeOfDay,
  hardStretch,
  localMonth,
  localToday,
  offeredInStretch,
  parseTimeOfDay,
  reminderDue,
} from './check-in-rules';

const hard = (day: string) => ({ day, mood: 1, cravings: 0 });
const craving = (day: string) => ({ day, mood: 4, cravings: 4 });
const fine = (day: string) => ({ day, mood: 4, cravings: 1 });

describe('check-in rules', () => {
  it('takes today from the member’s time zone', () => {
    const instant = new Date('2026-12-03T23:30:00Z');
    expect(localToday(instant, 'UTC')).toBe('2026-12-03');
    expect(localToday(instant, 'Pacific/Auckland')).toBe('2026-12-04');
    expect(localToday(new Date('2026-12-01T03:00:00Z'), 'America/Chicago')).toBe('2026-11-30');
    expect(localMonth(new Date('2026-12-01T03:00:00Z'), 'America/Chicago')).toBe('2026-11');
    expect(localToday(instant, 'Not/AZone')).toBe('2026-12-03');
  });

  it('accepts today and the seven days before it, nothing later or older', () => {
    expect(dayWindow('2026-12-03', '2026-12-03')).toBe('ok');
    expect(dayWindow('2026-11-26', '2026-12-03')).toBe('ok');
    expect(dayWindow('2026-11-25', '2026-12-03')).toBe('too-old');
    expect(dayWindow('2026-12-04', '2026-12-03')).toBe('future');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('counts hard days in a row ending today, or yesterday before today’s check-in', () => {
    const today = '2026-12-03';
    expect(hardStretch([hard('2026-12-01'), craving('2026-12-02'), hard('2026-12-03')], today)).toEqual({
      hardDays: 3,
      start: '2026-12-01',
      end: '2026-12-03',
    });
    // No check-in yet today: the stretch ending yesterday counts.
    expect(hardStretch([hard('2026-11-30'), hard('2026-12-01'), hard('2026-12-02')], today).hardDays).toBe(3);
    // A better day today ends it.
    expect(hardStretch([hard('2026-11-30'), hard('2026-12-01'), hard('2026-12-02'), fine(today)], today).hardDays).toBe(0);
    // A gap ends it.
    expect(hardStretch([hard('2026-11-29'), hard('2026-11-30'), hard('2026-12-02'), hard(today)], today).hardDays).toBe(2);
    expect(hardStretch([], today)).toEqual({ hardDays: 0, start: null, end: null });
  });

  it('makes the reach-out offer once per stretch', () => {
    const stretch = { hardDays: 3, start: '2026-12-01', end: '2026-12-03' };
    expect(offeredInStretch(stretch, null)).toBe(false);
    expect(offeredInStretch(stretch, '2026-12-02')).toBe(true);
    expect(offeredInStretch(stretch, '2026-11-20')).toBe(false);
  });

  it('reads reminder times and when they are due', () => {
    expect(parseTimeOfDay('08:30')).toBe(510);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('8:30')).toBeNull();
    expect(formatTimeOfDay(510)).toBe('08:30');
    const at = (time: string) => DateTime.fromISO(`2026-12-03T${time}`, { zone: 'America/Chicago' });
    expect(reminderDue(at('08:29'), 510)).toBe(false);
    expect(reminderDue(at('08:30'), 510)).toBe(true);
    expect(reminderDue(at('09:29'), 510)).toBe(true);
    expect(reminderDue(at('09:30'), 510)).toBe(false);
  });

  it('wants exactly ten BARC-10 answers from 1 to 6', () => {
    expect(barcProblem([1, 2, 3, 4, 5, 6, 6, 5, 4, 3])).toBeNull();
    expect(barcProblem([1, 2, 3])).toMatch(/all 10/);
    expect(barcProblem([1, 2, 3, 4, 5, 6, 7, 5, 4, 3])).toMatch(/Statement 7/);
    expect(barcProblem([0, 2, 3, 4, 5, 6, 6, 5, 4, 3])).toMatch(/Statement 1/);
  });
});
