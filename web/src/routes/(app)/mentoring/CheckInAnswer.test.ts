import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CheckInAnswer from './CheckInAnswer.svelte';

const pairingId = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';

describe('CheckInAnswer', () => {
  it('asks how it is going with three one-tap answers in one form', () => {
    render(CheckInAnswer, { pairingId, withName: 'River' });
    expect(screen.getByRole('heading', { name: 'How is mentoring with River going?' })).toBeTruthy();
    const group = screen.getByRole('group', { name: 'How is mentoring with River going?' });
    const buttons = Array.from(group.querySelectorAll('button'));
    expect(buttons.map((b) => [b.textContent, b.getAttribute('name'), b.getAttribute('value')])).toEqual([
      ['Going well', 'answer', 'GOING_WELL'],
      ['Could be better', 'answer', 'COULD_BE_BETTER'],
      ["I'd like to end it", 'answer', 'END_IT'],
    ]);
    const form = buttons[0].closest('form')!;
    expect(form.getAttribute('action')).toBe('?/checkIn');
    expect(new FormData(form).get('pairingId')).toBe(pairingId);
  });

  it('says before the tap that only staff see the answer, and what ending does', () => {
    render(CheckInAnswer, { pairingId, withName: 'River' });
    const hint = screen.getByText(/Only staff see your answer; River never does/);
    expect(hint.textContent?.replace(/\s+/g, ' ')).toContain(
      'ends the pairing at once, and River is told only that it has ended',
    );
    const end = screen.getByRole('button', { name: "I'd like to end it" });
    expect(end.getAttribute('aria-describedby')).toBe(hint.id);
  });

  it('shows an answer that did not go through', () => {
    render(CheckInAnswer, { pairingId, withName: 'River', problem: 'That pairing is no longer open.' });
    expect(screen.getByRole('alert').textContent).toBe('That pairing is no longer open.');
  });
});
