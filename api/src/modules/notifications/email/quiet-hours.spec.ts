import { describe, expect, it } from 'vitest';
import { afterQuietHours } from './quiet-hours';

const at = (iso: string) => new Date(iso);

describe('afterQuietHours (22:00-07:00 in Chicago)', () => {
  const defer = (iso: string) => afterQuietHours(at(iso), 'America/Chicago', 22 * 60, 7 * 60).toISOString();

  it('leaves daytime alone', () => {
    expect(defer('2026-11-27T18:00:00.000Z')).toBe('2026-11-27T18:00:00.000Z'); // 12:00 local
  });

  it('moves a late-evening email to 07:00 the next morning', () => {
    expect(defer('2026-11-28T05:30:00.000Z')).toBe('2026-11-28T13:00:00.000Z'); // 23:30 -> 07:00 (CST, UTC-6)
  });

  it('moves an early-morning email to 07:00 the same morning', () => {
    expect(defer('2026-11-27T09:15:00.000Z')).toBe('2026-11-27T13:00:00.000Z'); // 03:15 -> 07:00
  });

  it('does nothing when quiet hours are off, and handles a same-day window', () => {
    expect(afterQuietHours(at('2026-11-28T05:30:00Z'), 'America/Chicago', null, null).toISOString()).toBe('2026-11-28T05:30:00.000Z');
    expect(afterQuietHours(at('2026-11-27T19:30:00Z'), 'UTC', 19 * 60, 20 * 60).toISOString()).toBe('2026-11-27T20:00:00.000Z');
  });
});
