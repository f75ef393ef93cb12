import { describe, expect, it } from 'vitest';
import {
  MAX_DATE_LABELS,
  TREND_LAYOUT,
  TREND_MEASURES,
  capitalBars,
  capitalSlots,
  capitalSummary,
  capitalY,
  dateTicks,
  dayX,
  markerPath,
  measureY,
  segmentsPath,
  seriesSegments,
  shortDay,
  shortMonth,
  tickLabelExtent,
  trendSeries,
  trendSummary,
  type TrendDay,
} from './trend';

/** `count` consecutive days ending 2026-12-03, all empty. */
function emptyDays(count: number): TrendDay[] {
  const end = Date.UTC(2026, 11, 3);
  return Array.from({ length: count }, (_, i) => ({
    day: new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    mood: null,
    cravings: null,
    sleep: null,
  }));
}

/** 14 days: the 7 before, then this week, each given per measure (null = no check-in). */
function twoWeeks(
  lastWeek: Partial<Record<'mood' | 'cravings' | 'sleep', (number | null)[]>>,
  thisWeek: typeof lastWeek,
) {
  const days = emptyDays(14);
  for (const key of ['mood', 'cravings', 'sleep'] as const) {
    (lastWeek[key] ?? []).forEach((v, i) => (days[i][key] = v));
    (thisWeek[key] ?? []).forEach((v, i) => (days[7 + i][key] = v));
  }
  return days;
}

const mood = TREND_MEASURES.find((m) => m.key === 'mood')!;
const cravings = TREND_MEASURES.find((m) => m.key === 'cravings')!;

describe('trendSummary', () => {
  it('says cravings went down and mood went up, with both averages', () => {
    const days = twoWeeks(
      { mood: [2, 3, 2, 3, 2, 3, 2], cravings: [3, 3, 2, 3, 2, 3, 2], sleep: [3, 3, 3, 3, 3, 3, 3] },
      { mood: [4, 4, 3, 4, 4, 4, 4], cravings: [1, 2, 1, 1, 2, 1, 1], sleep: [3, 3, 3, 3, 3, 3, 4] },
    );
    expect(trendSummary(days)).toEqual([
      'Mood was higher this week than last week (average 3.9, up from 2.4).',
      'Cravings were lower this week than last week (average 1.3, down from 2.6).',
      'Sleep was about the same as last week (average 3.1).',
    ]);
  });

  it('words a lower mood, higher cravings and poorer sleep calmly', () => {
    const days = twoWeeks(
      { mood: [4, 4, 4], cravings: [1, 1, 1], sleep: [4, 4, 4] },
      { mood: [2, 3, 2], cravings: [3, 2, 3], sleep: [2, 2, 3] },
    );
    const sentences = trendSummary(days);
    expect(sentences).toEqual([
      'Mood was lower this week than last week (average 2.3, down from 4.0).',
      'Cravings were higher this week than last week (average 2.7, up from 1.0).',
      'Sleep was less restful this week than last week (average 2.3, down from 4.0).',
    ]);
    for (const sentence of sentences) expect(sentence).not.toMatch(/miss|fail|streak|should|bad/i);
  });

  it('counts a difference of 0.3 or less as about the same, and more than 0.3 as a change', () => {
    // 3.43 against 3.0: a change.
    const up = twoWeeks({ mood: [3, 3, 3, 3, 3, 3, 3] }, { mood: [3, 4, 3, 4, 3, 4, 3] });
    expect(trendSummary(up)[0]).toBe('Mood was higher this week than last week (average 3.4, up from 3.0).');
    // 2.14 against 2.0: about the same.
    const close = twoWeeks({ sleep: [2, 2, 2, 2, 2, 2, 2] }, { sleep: [2, 2, 2, 3, 2, 2, 2] });
    expect(trendSummary(close)[2]).toBe('Sleep was about the same as last week (average 2.1).');
    // 0.8 against 0.5 is exactly 0.3 apart (0.30000000000000004 in floating point): the same.
    const edge = twoWeeks({ cravings: [1, null, 0] }, { cravings: [1, 1, null, 1, 1, 0] });
    expect(trendSummary(edge)[1]).toBe('Cravings were about the same as last week (average 0.8).');
  });

  it('says when a week has too few check-ins to compare, never that any were missed', () => {
    const days = twoWeeks({ sleep: [3] }, { mood: [3, 4, 4], cravings: [2], sleep: [4, 4] });
    expect(trendSummary(days)).toEqual([
      'Mood: not enough check-ins last week to compare.',
      'Cravings: not enough check-ins yet to compare weeks.',
      'Sleep: not enough check-ins last week to compare.',
    ]);
    const quietWeek = twoWeeks({ mood: [3, 3, 3] }, {});
    expect(trendSummary(quietWeek)[0]).toBe('Mood: not enough check-ins this week to compare.');
  });

  it('compares only the last 14 days of a 90-day range', () => {
    const days = emptyDays(90);
    days[0].mood = 1;
    days[1].mood = 1;
    [3, 3].forEach((v, i) => (days[76 + i].mood = v));
    [3, 3].forEach((v, i) => (days[83 + i].mood = v));
    expect(trendSummary(days)[0]).toBe('Mood was about the same as last week (average 3.0).');
  });
});

describe('capitalSummary', () => {
  it('gives the latest score and the change from last month', () => {
    expect(
      capitalSummary([
        { month: '2026-10', total: 38 },
        { month: '2026-11', total: 42 },
      ]),
    ).toBe('Your latest recovery capital score is 42 of 60, up 4 from last month.');
    expect(
      capitalSummary([
        { month: '2026-12', total: 40 },
        { month: '2026-11', total: 42 },
      ]),
    ).toBe('Your latest recovery capital score is 40 of 60, down 2 from last month.');
    expect(
      capitalSummary([
        { month: '2026-11', total: 42 },
        { month: '2026-12', total: 42 },
      ]),
    ).toBe('Your latest recovery capital score is 42 of 60, the same as last month.');
  });

  it('names the month when the check before was not last month, across a new year too', () => {
    expect(
      capitalSummary([
        { month: '2026-09', total: 30 },
        { month: '2027-01', total: 35 },
      ]),
    ).toBe('Your latest recovery capital score is 35 of 60, up 5 from September 2026.');
    expect(
      capitalSummary([
        { month: '2026-12', total: 30 },
        { month: '2027-01', total: 35 },
      ]),
    ).toBe('Your latest recovery capital score is 35 of 60, up 5 from last month.');
  });

  it('has a sentence for one check and for none', () => {
    expect(capitalSummary([{ month: '2026-11', total: 42 }])).toBe(
      'Your latest recovery capital score is 42 of 60 (November 2026).',
    );
    expect(capitalSummary([])).toBe(
      'No monthly recovery capital checks yet. Your scores will show here after your first one.',
    );
  });
});

describe('the trend chart geometry', () => {
  it('maps each measure from its lowest value at the bottom to its highest at the top', () => {
    const bottom = TREND_LAYOUT.height - TREND_LAYOUT.bottom;
    expect(measureY(mood, 1)).toBe(bottom);
    expect(measureY(mood, 5)).toBe(TREND_LAYOUT.top);
    expect(measureY(cravings, 0)).toBe(bottom);
    expect(measureY(cravings, 4)).toBe(TREND_LAYOUT.top);
    expect(measureY(cravings, 9)).toBe(TREND_LAYOUT.top);
    expect(dayX(0, 30)).toBe(TREND_LAYOUT.left);
    expect(dayX(29, 30)).toBe(TREND_LAYOUT.width - TREND_LAYOUT.right);
  });

  it('splits the line at every day without a check-in', () => {
    const segments = seriesSegments([3, 4, null, 2, 2, 5, null, null, 1], (v, i) => ({ x: i, y: v }));
    expect(segments).toEqual([
      [
        { x: 0, y: 3 },
        { x: 1, y: 4 },
      ],
      [
        { x: 3, y: 2 },
        { x: 4, y: 2 },
        { x: 5, y: 5 },
      ],
      [{ x: 8, y: 1 }],
    ]);
    // The lone last day draws no line (its marker shows it); the two runs are two move-tos.
    expect(segmentsPath(segments)).toBe('M0 3 L1 4 M3 2 L4 2 L5 5');
  });

  it('never joins across a gap in the series it draws', () => {
    const days = emptyDays(30);
    [28, 29].forEach((i) => (days[i].mood = 4));
    [20, 21, 22].forEach((i) => (days[i].mood = 3));
    days[10].mood = 2;
    const moodLine = trendSeries(days).find((s) => s.measure.key === 'mood')!;
    expect(moodLine.path.match(/M/g)).toHaveLength(2);
    expect(moodLine.path.match(/L/g)).toHaveLength(3);
    expect(moodLine.markers).toHaveLength(6);
  });

  it('draws a different closed shape for each series', () => {
    expect(markerPath('circle', 10, 10, 4)).toBe('M6 10 a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0 Z');
    expect(markerPath('square', 10, 10, 4)).toBe('M6.4 6.4 H13.6 V13.6 H6.4 Z');
    expect(markerPath('triangle', 10, 10, 4)).toBe('M10 5.4 L14.6 13.68 L5.4 13.68 Z');
    expect(new Set(TREND_MEASURES.map((m) => m.shape)).size).toBe(3);
    expect(new Set(TREND_MEASURES.map((m) => m.dash)).size).toBe(3);
  });

  it('labels the first and last days and the weeks between, 30 days', () => {
    const ticks = dateTicks(emptyDays(30));
    const labelled = ticks.filter((t) => t.label);
    expect(labelled.map((t) => t.label)).toEqual(['Nov 4', 'Nov 12', 'Nov 19', 'Nov 26', 'Dec 3']);
    expect(labelled[0].anchor).toBe('start');
    expect(labelled[labelled.length - 1].anchor).toBe('end');
    // A week mark every 7 days counted back from today, plus the first day.
    expect(ticks.map((t) => t.index)).toEqual([0, 1, 8, 15, 22, 29]);
  });

  it('keeps 90 days to at most 8 date labels that never overlap', () => {
    for (const count of [90, 30, 14, 7, 2, 1]) {
      const ticks = dateTicks(emptyDays(count));
      const labelled = ticks.filter((t) => t.label);
      expect(labelled.length).toBeLessThanOrEqual(MAX_DATE_LABELS);
      expect(labelled[0].label).toBe(shortDay(emptyDays(count)[0].day));
      const extents = labelled.map((t) => tickLabelExtent(t, TREND_LAYOUT.fontSize));
      for (let i = 1; i < extents.length; i += 1) expect(extents[i][0]).toBeGreaterThan(extents[i - 1][1]);
      for (const [start, end] of extents) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(TREND_LAYOUT.width);
      }
    }
    const ninety = dateTicks(emptyDays(90));
    expect(ninety.filter((t) => t.label).length).toBeGreaterThanOrEqual(5);
    expect(ninety.filter((t) => t.label == null).length).toBeGreaterThan(0); // unlabelled week marks
  });
});

describe('the recovery capital geometry', () => {
  it('keeps calendar spacing, with an empty slot for a month without a check', () => {
    const slots = capitalSlots([
      { month: '2026-12', total: 44 },
      { month: '2026-09', total: 30 },
      { month: '2026-11', total: 40 },
    ]);
    expect(slots).toEqual([
      { month: '2026-09', total: 30 },
      { month: '2026-10', total: null },
      { month: '2026-11', total: 40 },
      { month: '2026-12', total: 44 },
    ]);
  });

  it('shows the latest 12 months at most and grows bars from 10 to 60', () => {
    const points = Array.from({ length: 15 }, (_, i) => ({
      month: `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      total: 10 + i * 3,
    }));
    const bars = capitalBars(points);
    expect(bars).toHaveLength(12);
    expect(bars[0].month).toBe('2026-04');
    expect(bars[bars.length - 1].month).toBe('2027-03');
    expect(bars.map((b) => b.label)).toContain('Jan 27');
    expect(capitalY(60)).toBeLessThan(capitalY(10));
    const top = bars.find((b) => b.total === 52)!;
    expect(top.y).toBe(capitalY(52));
    expect(top.y + top.height).toBe(capitalY(10));
    expect(shortMonth('2026-11')).toBe('Nov');
  });
});
