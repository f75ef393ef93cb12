import { describe, expect, it } from 'vitest';
import {
  BARC_ITEMS,
  BARC_SCALE,
  choiceValue,
  dayLabel,
  fillableDays,
  isDay,
  shareText,
  shiftDay,
} from './check-ins';

describe('check-in helpers', () => {
  it('lists today and the seven days before it', () => {
    expect(fillableDays('2026-03-02')).toEqual([
      '2026-03-02',
      '2026-03-01',
      '2026-02-28',
      '2026-02-27',
      '2026-02-26',
      '2026-02-25',
      '2026-02-24',
      '2026-02-23',
    ]);
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
    expect(dayLabel('2026-03-02', '2026-03-02')).toBe('Today');
    expect(dayLabel('2026-03-01', '2026-03-02')).toBe('Yesterday');
    expect(dayLabel('2026-02-27', '2026-03-02')).toBe('Fri, Feb 27');
  });

  it('prefills a share copy with the member’s own words only', () => {
    expect(shareText({ mood: 4, cravings: 1, sleep: 5, helped: 'A walk', hard: null })).toBe(
      'Mood: Good. Cravings: mild. Slept very well.\n\nWhat helped: A walk',
    );
    expect(shareText({ mood: 1, cravings: 4 })).toBe('Mood: Very low. Cravings: very strong.');
  });

  it('reads choices and knows the BARC-10', () => {
    expect(choiceValue('3', 1, 5)).toBe(3);
    expect(choiceValue('0', 1, 5)).toBeNull();
    expect(choiceValue('', 0, 4)).toBeNull();
    expect(choiceValue('2.5', 0, 4)).toBeNull();
    expect(BARC_ITEMS).toHaveLength(10);
    expect(BARC_SCALE.map((s) => s.value)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
