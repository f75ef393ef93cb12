import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import MentorRequest from './MentorRequest.svelte';

const pairing = {
  id: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
  createdAt: new Date().toISOString(),
  note: 'I just finished IOP and start a new job next week.',
  mentee: { displayName: 'Priya' },
  topics: [{ label: 'Returning to work' }],
};

describe('MentorRequest', () => {
  it('shows who asked, what for and their note, and accepts in one press', () => {
    render(MentorRequest, { pairing, timeZone: 'UTC' });
    expect(
      screen.getByRole('heading', { level: 4, name: 'Priya asked you to be their mentor' }),
    ).toBeTruthy();
    expect(screen.getByText('Returning to work', { exact: false })).toBeTruthy();
    expect(screen.getByText('I just finished IOP and start a new job next week.').tagName).toBe('BLOCKQUOTE');
    const accept = screen.getByRole('button', { name: "Accept Priya's request" });
    const data = new FormData(accept.closest('form')!);
    expect(data.get('pairingId')).toBe(pairing.id);
    expect(data.get('accept')).toBe('true');
    expect(accept.closest('form')?.getAttribute('action')).toBe('?/respond');
  });

  it('asks once before declining and says the member is told only "not available right now"', () => {
    render(MentorRequest, { pairing });
    const summary = screen.getByText('Decline');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.closest('details')?.open).toBe(false);
    expect(screen.getByText(/Priya will be told only “not available right now”, nothing more/)).toBeTruthy();
    const yes = screen.getByRole('button', { name: "Yes, decline Priya's request", hidden: true });
    expect(new FormData(yes.closest('form')!).get('accept')).toBe('false');
  });

  it('says so when there is no note', () => {
    render(MentorRequest, { pairing: { ...pairing, note: null } });
    expect(screen.getByText("They didn't add a note.")).toBeTruthy();
  });
});
