import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import OfferForm from './OfferForm.svelte';

const topics = [
  { id: 't-work', label: 'Returning to work', archived: false },
  { id: 't-parents', label: 'Parenting in recovery', archived: false },
];

describe('OfferForm', () => {
  it('asks for about me with its limit, topics, a capacity of 1 to 3 and availability', () => {
    render(OfferForm, { profile: null, topics });
    const about = screen.getByLabelText('About me');
    expect(about.tagName).toBe('TEXTAREA');
    expect(about.getAttribute('maxlength')).toBe('600');
    expect(document.getElementById(about.getAttribute('aria-describedby')!)?.textContent).toContain(
      'At most 600 characters',
    );
    expect(screen.getByRole('group', { name: 'What you can help with' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Returning to work' })).toBeTruthy();
    const capacity = screen.getByRole('group', { name: 'How many mentees at once' });
    expect(
      Array.from(capacity.querySelectorAll('input[type=radio]')).map((r) => (r as HTMLInputElement).value),
    ).toEqual(['1', '2', '3']);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '1' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Taking new mentees' }).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Offer to mentor' })).toBeTruthy();
  });

  it('fills in an existing offer, keeping an archived topic it names', () => {
    render(OfferForm, {
      profile: {
        about: 'Two years in.',
        capacity: 2,
        available: false,
        topics: [{ id: 't-old', label: 'Old topic', archived: true }],
      },
      topics,
    });
    expect(screen.getByLabelText<HTMLTextAreaElement>('About me').value).toBe('Two years in.');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '2' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Taking new mentees' }).checked).toBe(
      false,
    );
    const old = screen.getByRole<HTMLInputElement>('checkbox', { name: /^Old topic/ });
    expect(old.checked).toBe(true);
    expect(old.labels?.[0].textContent).toContain('(no longer offered)');
    expect(screen.getByRole('button', { name: 'Save your offer' })).toBeTruthy();
  });

  it('after a failed save, keeps what was typed (an unticked box stays unticked) and names each field', () => {
    render(OfferForm, {
      profile: null,
      topics,
      problem: {
        message: 'Choose at least one thing you can help with.',
        errors: { topicIds: 'Choose at least one thing you can help with.' },
        values: { about: 'Hello', topicIds: '', capacity: '3', available: '', sent: '1' },
      },
    });
    expect(screen.getByRole('alert').textContent).toContain('Choose at least one thing you can help with.');
    expect(screen.getByLabelText<HTMLTextAreaElement>('About me').value).toBe('Hello');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: '3' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Taking new mentees' }).checked).toBe(
      false,
    );
    expect(
      screen.getByRole('link', { name: 'Choose at least one thing you can help with.' }).getAttribute('href'),
    ).toBe('#offer-topics');
  });
});
