import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import MentorSuggestion from './MentorSuggestion.svelte';

const mentor = {
  mentorId: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
  displayName: 'River',
  about: 'Two years in. I went back to work after IOP.',
  freeSlots: 2,
  topics: [
    { id: 't-work', label: 'Returning to work' },
    { id: 't-parents', label: 'Parenting in recovery' },
  ],
};
const action = '/mentoring?find=1&topic=t-work&/request#suggestions';

describe('MentorSuggestion', () => {
  it('shows the display name, about me, the topics in common first and the room they have', () => {
    render(MentorSuggestion, { mentor, chosen: ['t-work'], action });
    expect(screen.getByRole('heading', { level: 3, name: 'River' })).toBeTruthy();
    expect(screen.getByText('Two years in. I went back to work after IOP.')).toBeTruthy();
    expect(screen.getByText('In common with what you chose').nextElementSibling?.textContent).toBe(
      'Returning to work',
    );
    expect(screen.getByText('Also helps with').nextElementSibling?.textContent).toBe('Parenting in recovery');
    expect(screen.getByText('Has room for 2 more mentees')).toBeTruthy();
  });

  it('asks in place with a short optional note, sending the mentor and the chosen topics', () => {
    render(MentorSuggestion, { mentor, chosen: ['t-work'], action });
    const summary = screen.getByText('Ask River');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.getAttribute('aria-label')).toBe('Ask River to be your mentor');
    const note = screen.getByLabelText('A note to River (optional)');
    expect(note.getAttribute('maxlength')).toBe('500');
    const send = screen.getByRole('button', { name: 'Send your request to River', hidden: true });
    const form = send.closest('form')!;
    expect(form.getAttribute('action')).toBe(action);
    const data = new FormData(form);
    expect(data.get('mentorId')).toBe(mentor.mentorId);
    expect(data.getAll('topic')).toEqual(['t-work']);
    expect(screen.getByText(/you'll hear only that they are not available right now/)).toBeTruthy();
  });

  it('with nothing chosen, lists what they help with', () => {
    render(MentorSuggestion, { mentor, chosen: [], action });
    expect(screen.queryByText('In common with what you chose')).toBeNull();
    expect(screen.getByText('Helps with').nextElementSibling?.textContent).toBe(
      'Returning to work and Parenting in recovery',
    );
  });

  it('opens again on a failed request, with the api sentence', () => {
    render(MentorSuggestion, {
      mentor,
      chosen: [],
      action,
      problem: { message: 'This mentor is not available right now.', note: 'Hello', noteError: null },
    });
    expect(screen.getByText('Ask River').closest('details')?.open).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('This mentor is not available right now.');
    expect(screen.getByLabelText<HTMLTextAreaElement>('A note to River (optional)').value).toBe('Hello');
  });
});
