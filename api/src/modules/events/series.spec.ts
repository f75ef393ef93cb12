import { describe, expect, it } from 'vitest';
import { seriesStarts } from './series';

describe('seriesStarts', () => {
  it('keeps the local time across a daylight-saving change', () => {
    // 18:00 in Chicago on 2026-10-27 (CDT, UTC-5); a week later it is CST (UTC-6).
    const starts = seriesStarts(new Date('2026-10-27T23:00:00Z'), 'America/Chicago', 'WEEKLY', 3);
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-10-27T23:00:00.000Z',
      '2026-11-04T00:00:00.000Z',
      '2026-11-11T00:00:00.000Z',
    ]);
  });

  it('clamps a monthly series on the 31st to shorter months', () => {
    const starts = seriesStarts(new Date('2026-01-31T15:00:00Z'), 'UTC', 'MONTHLY', 3);
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });
});
