import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { EventFormValues } from '$lib/events-form';
import EventForm from './EventForm.svelte';

const values: EventFormValues = {
  title: 'Morning walk',
  description: '',
  kind: 'SOCIAL',
  startsAt: '2026-03-04T07:00',
  endsAt: '',
  timeZone: 'Europe/London',
  address: '',
  onlineUrl: '',
  capacity: '',
  rsvpDeadline: '',
  repeat: 'WEEKLY',
  repeatCount: '4',
  scope: 'THIS',
};

const base = {
  values,
  timeZones: ['Europe/London', 'America/Denver'],
  mode: 'new' as const,
  submitLabel: 'Propose event',
  cancelHref: '/events',
};

describe('EventForm', () => {
  it('is a plain POST form with its times as labelled date-and-time fields', () => {
    render(EventForm, base);
    const starts = screen.getByLabelText<HTMLInputElement>('Starts');
    expect(starts.type).toBe('datetime-local');
    expect(starts.value).toBe('2026-03-04T07:00');
    expect(starts.closest('form')?.getAttribute('method')).toBe('POST');
    expect(screen.getByLabelText('RSVP deadline (optional)').getAttribute('aria-describedby')).toBe(
      'rsvpDeadline-hint',
    );
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Every week' }).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Propose event' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go back without saving' }).getAttribute('href')).toBe('/events');
  });

  it('shows a failed save in the summary and at each field', () => {
    render(EventForm, {
      ...base,
      message: 'Some details need another look before the event can be saved.',
      errors: { endsAt: 'Enter the end date and time.' },
    });
    const summary = screen.getByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Enter the end date and time.' }).getAttribute('href'),
    ).toBe('#endsAt');
    const ends = screen.getByLabelText('Ends');
    expect(ends.getAttribute('aria-invalid')).toBe('true');
    expect(ends.getAttribute('aria-describedby')).toBe('endsAt-error');
  });

  it('asks which events to change when editing one of a series, instead of how it repeats', () => {
    render(EventForm, { ...base, mode: 'edit', inSeries: true, submitLabel: 'Save changes' });
    const group = screen.getByRole('group', { name: 'Which events to change' });
    expect(within(group).getByRole<HTMLInputElement>('radio', { name: 'This event only' }).checked).toBe(
      true,
    );
    expect(screen.queryByRole('group', { name: 'Repeat' })).toBeNull();
  });
});
