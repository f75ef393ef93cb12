import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TopicCheckboxes from './TopicCheckboxes.svelte';

describe('TopicCheckboxes', () => {
  it('labels a checkbox per topic inside a named group, with the chosen ones ticked', () => {
    render(TopicCheckboxes, {
      legend: 'Topics (optional)',
      hint: 'Tag sensitive subjects.',
      selected: ['ALCOHOL'],
    });
    const group = screen.getByRole('group', { name: 'Topics (optional)' });
    expect(group.getAttribute('aria-describedby')).toBe('topic-hint');
    const alcohol = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Alcohol' });
    expect(alcohol.checked).toBe(true);
    expect(alcohol.name).toBe('topics');
    expect(alcohol.value).toBe('ALCOHOL');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Returning to use' }).checked).toBe(false);
    expect(screen.getAllByRole('checkbox')).toHaveLength(6);
  });
});
