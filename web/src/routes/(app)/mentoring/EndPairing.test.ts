import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import EndPairing from './EndPairing.svelte';

const pairingId = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';

describe('EndPairing', () => {
  it('asks once before ending, with an optional note for staff only, and says what the other person hears', () => {
    render(EndPairing, { pairingId, otherName: 'River' });
    const summary = screen.getByText('End the pairing');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.getAttribute('aria-label')).toBe('End the pairing with River');
    expect(summary.closest('details')?.open).toBe(false);
    expect(screen.getByText(/River is told only that it has ended, not why/)).toBeTruthy();
    const note = screen.getByLabelText('A note to staff (optional)');
    expect(note.getAttribute('name')).toBe('note');
    expect(note.getAttribute('maxlength')).toBe('500');
    expect(document.getElementById(note.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Only staff read it; River never does.',
    );
    const yes = screen.getByRole('button', { name: 'Yes, end the pairing with River', hidden: true });
    expect(yes.textContent).toBe('Yes, end the pairing');
    const data = new FormData(yes.closest('form')!);
    expect(data.get('pairingId')).toBe(pairingId);
    expect(data.get('kind')).toBe('end');
    expect(yes.closest('form')?.getAttribute('action')).toBe('?/end');
  });

  it('withdraws a request that is still waiting, without a note, and nobody is told', () => {
    render(EndPairing, { pairingId, otherName: 'River', kind: 'withdraw' });
    expect(screen.getByText('Withdraw your request').tagName).toBe('SUMMARY');
    expect(screen.getByText(/River won't be asked any more, and isn't told anything/)).toBeTruthy();
    expect(screen.queryByLabelText('A note to staff (optional)')).toBeNull();
    const yes = screen.getByRole('button', { name: 'Yes, withdraw your request to River', hidden: true });
    expect(new FormData(yes.closest('form')!).get('kind')).toBe('withdraw');
  });

  it('opens on a failed try, keeping the note and naming what is wrong with it', () => {
    render(EndPairing, {
      pairingId,
      otherName: 'River',
      problem: {
        message: 'Too long',
        note: 'typed',
        noteError: 'Your note to staff can be at most 500 characters.',
      },
    });
    expect(screen.getByText('End the pairing').closest('details')?.open).toBe(true);
    const note = screen.getByLabelText<HTMLTextAreaElement>('A note to staff (optional)');
    expect(note.value).toBe('typed');
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/can be at most 500 characters/)).toBeTruthy();
  });
});
