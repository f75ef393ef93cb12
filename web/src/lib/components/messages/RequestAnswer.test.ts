import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RequestAnswer from './RequestAnswer.svelte';

const conversationId = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';

describe('RequestAnswer', () => {
  it('accepts in one press, named for the request', () => {
    render(RequestAnswer, { conversationId, askedBy: 'Eve' });
    const accept = screen.getByRole('button', { name: "Accept Eve's request" });
    const data = new FormData(accept.closest('form')!);
    expect(data.get('conversationId')).toBe(conversationId);
    expect(data.get('accept')).toBe('true');
    expect(accept.closest('form')?.getAttribute('action')).toBe('?/respond');
  });

  it('asks once before declining, and says the sender sees only "not accepted"', () => {
    render(RequestAnswer, { conversationId, askedBy: 'Eve' });
    const summary = screen.getByText('Decline');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.closest('details')?.open).toBe(false);
    expect(screen.getByText(/Eve will see only “not accepted”, nothing more/)).toBeTruthy();
    const decline = screen.getByRole('button', { name: "Yes, decline Eve's request", hidden: true });
    expect(new FormData(decline.closest('form')!).get('accept')).toBe('false');
  });

  it('shows an answer that did not go through', () => {
    render(RequestAnswer, { conversationId, askedBy: 'Eve', problem: 'That request is no longer waiting.' });
    expect(screen.getByRole('alert').textContent).toBe('That request is no longer waiting.');
  });
});
