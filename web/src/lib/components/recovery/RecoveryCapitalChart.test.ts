import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RecoveryCapitalChart from './RecoveryCapitalChart.svelte';

const points = [
  { month: '2026-09', total: 31 },
  { month: '2026-11', total: 38 },
  { month: '2026-12', total: 42 },
];

describe('RecoveryCapitalChart', () => {
  it('is an image named by its title and the summary, which is also shown as text', () => {
    render(RecoveryCapitalChart, { points });
    const chart = screen.getByRole('img', {
      name: 'Recovery capital by month Your latest recovery capital score is 42 of 60, up 4 from last month.',
    });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(
      screen.getByText('Your latest recovery capital score is 42 of 60, up 4 from last month.'),
    ).toBeTruthy();
  });

  it('labels each bar with its score and keeps a place for a month without a check', () => {
    render(RecoveryCapitalChart, { points });
    const chart = screen.getByRole('img');
    const bars = [...chart.querySelectorAll('.bar')];
    expect(bars.map((b) => b.getAttribute('data-month'))).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(bars.map((b) => b.querySelector('.bar-value')?.textContent ?? null)).toEqual([
      '31',
      null,
      '38',
      '42',
    ]);
    expect(bars.map((b) => b.querySelector('.month-label')!.textContent)).toEqual([
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ]);
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
  });

  it('lists every check in a table for screen readers', () => {
    render(RecoveryCapitalChart, { points });
    const table = screen.getByRole('table', { name: 'Your recovery capital checks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'September 202631',
      'November 202638',
      'December 202642',
    ]);
  });

  it('has a plain sentence and no chart when there are no checks yet', () => {
    render(RecoveryCapitalChart, { points: [] });
    expect(screen.queryByRole('img')).toBeNull();
    expect(
      screen.getByText(
        'No monthly recovery capital checks yet. Your scores will show here after your first one.',
      ),
    ).toBeTruthy();
  });
});
