import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { TrendDay } from '$lib/recovery/trend';
import TrendChart from './TrendChart.svelte';

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

/** 30 days with check-ins on most of the last two weeks and a gap of two days. */
function someDays(count = 30): TrendDay[] {
  const days = emptyDays(count);
  for (let i = count - 14; i < count; i += 1) {
    if (i === count - 5 || i === count - 4) continue;
    const thisWeek = i >= count - 7;
    days[i].mood = thisWeek ? 4 : 3;
    days[i].cravings = thisWeek ? 1 : 3;
    days[i].sleep = 3;
  }
  return days;
}

describe('TrendChart', () => {
  it('is an image named by its title and the summary, which is also shown as text', () => {
    render(TrendChart, { days: someDays(), title: 'Your last 30 days' });
    const chart = screen.getByRole('img', { name: /^Your last 30 days/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.getAttribute('viewBox')).toBe('0 0 360 210');
    const name = chart.getAttribute('aria-labelledby')!.split(' ');
    expect(name).toHaveLength(2);
    expect(document.getElementById(name[0])!.textContent).toBe('Your last 30 days');
    const summary = document.getElementById(name[1])!;
    expect(summary.textContent).toContain(
      'Cravings were lower this week than last week (average 1.0, down from 3.0).',
    );
    expect(
      screen.getByText('Mood was higher this week than last week (average 4.0, up from 3.0).'),
    ).toBeTruthy();
    expect(screen.getByText('Sleep was about the same as last week (average 3.0).')).toBeTruthy();
  });

  it('tells the series apart by shape and line style, named in the legend', () => {
    const { container } = render(TrendChart, { days: someDays() });
    const legend = screen.getByRole('list', { name: 'Legend' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Mood (circles, solid line; 1 low to 5 good)',
      'Cravings (squares, dashed line; 0 none to 4 strong)',
      'Sleep (triangles, dotted line; 1 poorly to 5 well)',
    ]);
    const chart = screen.getByRole('img');
    const shapeOf = (series: string) =>
      new Set(
        [...chart.querySelectorAll(`[data-series="${series}"] [data-shape]`)].map((m) =>
          m.getAttribute('data-shape'),
        ),
      );
    expect(shapeOf('mood')).toEqual(new Set(['circle']));
    expect(shapeOf('cravings')).toEqual(new Set(['square']));
    expect(shapeOf('sleep')).toEqual(new Set(['triangle']));
    const dashes = ['mood', 'cravings', 'sleep'].map((s) =>
      chart.querySelector(`[data-series="${s}"] .series-line`)!.getAttribute('stroke-dasharray'),
    );
    expect(new Set(dashes).size).toBe(3);
    // 12 days with a check-in, each with three markers.
    expect(chart.querySelectorAll('[data-series] [data-shape]')).toHaveLength(36);
    expect(container.querySelectorAll('.legend-key [data-shape]')).toHaveLength(3);
  });

  it('leaves a gap where a day has no check-in', () => {
    render(TrendChart, { days: someDays() });
    const line = screen.getByRole('img').querySelector('[data-series="mood"] .series-line')!;
    expect(line.getAttribute('d')!.match(/M/g)).toHaveLength(2);
  });

  it('says the axes in words: low and high, the first and last dates', () => {
    render(TrendChart, { days: someDays() });
    const chart = screen.getByRole('img');
    const words = [...chart.querySelectorAll('.axis-word')].map((t) => t.textContent);
    expect(words).toEqual(['High', 'Low']);
    const dates = [...chart.querySelectorAll('.tick-label')].map((t) => t.textContent);
    expect(dates[0]).toBe('Nov 4');
    expect(dates[dates.length - 1]).toBe('Dec 3');
  });

  it('keeps 90 days to a handful of date labels', () => {
    render(TrendChart, { days: someDays(90), title: 'Your last 90 days' });
    const chart = screen.getByRole('img', { name: /^Your last 90 days/ });
    const dates = [...chart.querySelectorAll('.tick-label')].map((t) => t.textContent);
    expect(dates.length).toBeGreaterThanOrEqual(3);
    expect(dates.length).toBeLessThanOrEqual(8);
    expect(dates[0]).toBe('Sep 5');
    expect(dates[dates.length - 1]).toBe('Dec 3');
  });

  it('has a table of the check-in days for screen readers', () => {
    render(TrendChart, { days: someDays() });
    const table = screen.getByRole('table', { name: 'Your check-ins, day by day' });
    expect(table.parentElement?.classList.contains('visually-hidden')).toBe(true);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(13); // the header and the 12 days with a check-in
    expect(within(rows[1]).getByRole('rowheader').textContent).toBe('November 20, 2026');
    expect(rows[1].textContent).toContain('3');
  });

  it('says so calmly when the range has no check-ins, with no empty chart', () => {
    render(TrendChart, { days: emptyDays(30) });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Your last 30 days' })).toBeTruthy();
    expect(
      screen.getByText('No check-ins in these 30 days yet. The chart fills in as you check in.'),
    ).toBeTruthy();
  });
});
