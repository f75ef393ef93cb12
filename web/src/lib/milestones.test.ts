import { describe, expect, it } from 'vitest';
import { daysText, formatDay, progressToNext, todayIn, toGoText } from './milestones';

const m = (days: number, label: string) => ({ days, label });

describe('milestone progress', () => {
  it('measures from the last milestone reached to the next', () => {
    expect(progressToNext(45, [m(1, '24 hours'), m(30, '30 days')], m(60, '60 days'))).toBe(50);
    expect(progressToNext(0, [], m(1, '24 hours'))).toBe(0);
    expect(progressToNext(15, [m(1, '24 hours')], m(30, '30 days'))).toBe(48);
    expect(progressToNext(10, [], null)).toBe(100);
  });

  it('says how long to go, in plain words', () => {
    expect(toGoText(29, m(30, '30 days'))).toBe('1 day to go until 30 days');
    expect(toGoText(20, m(30, '30 days'))).toBe('10 days to go until 30 days');
    expect(toGoText(30, m(30, '30 days'))).toBe('30 days is today');
    expect(daysText(1)).toBe('1 day');
    expect(daysText(0)).toBe('0 days');
  });

  it('writes dates out without shifting them', () => {
    expect(formatDay('2025-03-03')).toBe('March 3, 2025');
    expect(todayIn('UTC', new Date('2025-03-03T23:30:00Z'))).toBe('2025-03-03');
    expect(todayIn('Asia/Tokyo', new Date('2025-03-03T23:30:00Z'))).toBe('2025-03-04');
  });
});
