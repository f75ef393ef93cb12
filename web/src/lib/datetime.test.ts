import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from './datetime';

describe('zonedToIso', () => {
  it('reads a wall-clock time in the given zone', () => {
    expect(zonedToIso('2026-01-15T09:30', 'America/New_York')).toBe('2026-01-15T14:30:00.000Z');
    expect(zonedToIso('2026-07-15T09:30', 'America/New_York')).toBe('2026-07-15T13:30:00.000Z');
    expect(zonedToIso('2026-07-15T09:30', 'Asia/Kolkata')).toBe('2026-07-15T04:00:00.000Z');
  });

  it('falls back to UTC without a usable zone', () => {
    expect(zonedToIso('2026-01-15T09:30', null)).toBe('2026-01-15T09:30:00.000Z');
    expect(zonedToIso('2026-01-15T09:30', 'Not/AZone')).toBe('2026-01-15T09:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(zonedToIso('', 'UTC')).toBeNull();
    expect(zonedToIso('tomorrow', 'UTC')).toBeNull();
    expect(zonedToIso('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(zonedToIso('2026-02-10T25:00', 'UTC')).toBeNull();
  });

  it('handles the skipped hour of a clock change', () => {
    // 02:30 does not exist in New York on 2026-03-08; the instant lands just after the jump.
    const iso = zonedToIso('2026-03-08T02:30', 'America/New_York');
    expect(iso).not.toBeNull();
    expect(['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z']).toContain(iso);
  });
});

describe('isoToZoned', () => {
  it('shows an instant as wall-clock time in the zone', () => {
    expect(isoToZoned('2026-01-15T14:30:00.000Z', 'America/New_York')).toBe('2026-01-15T09:30');
    expect(isoToZoned('2026-01-15T14:30:00.000Z', null)).toBe('2026-01-15T14:30');
  });

  it('round-trips with zonedToIso', () => {
    const local = isoToZoned('2026-05-01T20:15:00.000Z', 'Europe/Berlin');
    expect(zonedToIso(local, 'Europe/Berlin')).toBe('2026-05-01T20:15:00.000Z');
  });
});
