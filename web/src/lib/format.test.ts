import { describe, expect, it } from 'vitest';
import { formatDate, plural, relativeTime } from './format';

const now = new Date('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it('says "just now" within a minute', () => {
    expect(relativeTime('2026-03-10T11:59:30Z', now)).toBe('just now');
  });

  it('counts minutes, hours and days', () => {
    expect(relativeTime('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-03-07T12:00:00Z', now)).toBe('3 days ago');
  });

  it('falls back to the date after a week', () => {
    expect(relativeTime('2026-02-01T12:00:00Z', now, 'UTC')).toBe('Feb 1');
    expect(relativeTime('2025-02-01T12:00:00Z', now, 'UTC')).toBe('Feb 1, 2025');
  });
});

describe('formatDate', () => {
  it("uses the member's time zone", () => {
    expect(formatDate('2026-03-01T03:00:00Z', 'America/Chicago', now)).toBe('Feb 28');
    expect(formatDate('2026-03-01T03:00:00Z', 'Not/A_Zone', now)).toBe('Mar 1');
  });
});

describe('plural', () => {
  it('picks the right word', () => {
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(0, 'reply', 'replies')).toBe('0 replies');
    expect(plural(1200, 'reply', 'replies')).toBe('1,200 replies');
  });
});
