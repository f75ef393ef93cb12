import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { MOOD_CHOICES } from '$lib/check-ins';
import ScaleChoices from './ScaleChoices.svelte';

describe('ScaleChoices', () => {
  it('is a named group of labelled radio buttons, one per point, with the chosen one checked', () => {
    render(ScaleChoices, { legend: 'Mood', name: 'mood', choices: MOOD_CHOICES, value: 4 });
    const group = screen.getByRole('group', { name: 'Mood' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(radios.every((r) => r.getAttribute('name') === 'mood')).toBe(true);
    expect(within(group).getByRole('radio', { name: 'Good' })).toHaveProperty('checked', true);
    expect(within(group).getByRole('radio', { name: 'Very low' })).toHaveProperty('checked', false);
  });

  it('names its problem and ties it to the group', () => {
    render(ScaleChoices, {
      legend: 'Cravings',
      name: 'cravings',
      choices: MOOD_CHOICES,
      error: 'Choose how strong cravings are.',
    });
    const group = screen.getByRole('group', { name: 'Cravings' });
    expect(group.getAttribute('aria-describedby')).toBe('cravings-error');
    expect(screen.getByText('Choose how strong cravings are.').id).toBe('cravings-error');
    expect(
      within(group)
        .getAllByRole('radio')
        .every((r) => !(r as HTMLInputElement).checked),
    ).toBe(true);
  });
});
