import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FlagForm from './FlagForm.svelte';

const postId = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';
const base = {
  targetType: 'POST' as const,
  targetId: postId,
  subject: "River's post",
  page: '/threads/t1?at=21#post-3',
  idPrefix: 'post-3-flag',
};

describe('FlagForm', () => {
  it('offers support apart from the rule reasons, worded kindly', () => {
    render(FlagForm, base);
    expect(screen.getByRole('heading', { name: "Flag River's post" })).toBeTruthy();
    const support = screen.getByRole('radio', {
      name: 'This person may need support (a moderator will check in; nothing is hidden)',
    });
    expect(support.getAttribute('value')).toBe('SUPPORT');
    expect(support.getAttribute('name')).toBe('reason');
    // Its description says it never counts against them; it is not in the list of rule reasons.
    expect(support.getAttribute('aria-describedby')).toBe('post-3-flag-reason-SUPPORT-hint');
    expect(document.getElementById('post-3-flag-reason-SUPPORT-hint')?.textContent).toMatch(
      /never counts against them/,
    );
    const rules = screen.getByRole('list');
    expect(within(rules).queryByRole('radio', { name: /may need support/ })).toBeNull();
  });

  it('lists every rule reason with a plain description, in one radio group', () => {
    render(FlagForm, base);
    const group = screen.getByRole('group', { name: 'What would you like the moderators to know?' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual([
      'SUPPORT',
      'HARASSMENT',
      'TRIGGERING',
      'SPAM',
      'PRIVACY',
      'MISINFORMATION',
      'SAFETY',
      'OTHER',
    ]);
    for (const radio of radios) {
      expect(radio.getAttribute('name')).toBe('reason');
      expect((radio as HTMLInputElement).checked).toBe(false);
      const hint = document.getElementById(radio.getAttribute('aria-describedby') ?? '');
      expect(hint?.textContent?.trim().length).toBeGreaterThan(10);
    }
    expect(screen.getByRole('radio', { name: 'Harassment or bullying' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Something else' })).toBeTruthy();
  });

  it('posts the target, reason and note as a plain form, and can be cancelled', () => {
    render(FlagForm, base);
    const button = screen.getByRole('button', { name: 'Send flag' });
    const form = button.closest('form')!;
    expect(form.getAttribute('method')).toBe('POST');
    expect(form.getAttribute('action')).toBe(`/threads/t1?at=21&flag=${postId}&/flag#post-3`);
    screen.getByRole<HTMLInputElement>('radio', { name: 'Spam or solicitation' }).checked = true;
    const data = new FormData(form);
    expect(data.get('targetType')).toBe('POST');
    expect(data.get('targetId')).toBe(postId);
    expect(data.get('returnTo')).toBe(base.page);
    expect(data.get('reason')).toBe('SPAM');
    expect(data.get('note')).toBe('');
    const note = screen.getByRole('textbox', { name: 'Note for the moderators (optional)' });
    expect(note.getAttribute('maxlength')).toBe('500');
    expect(screen.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe(base.page);
  });

  it('shows the note error inline when "Something else" has no note, keeping the choice', () => {
    const message = 'Please add a short note saying what is wrong when the reason is "Other".';
    render(FlagForm, {
      ...base,
      problem: { message, errors: { note: message }, values: { reason: 'OTHER', note: '' } },
    });
    const note = screen.getByRole('textbox', { name: 'Note for the moderators (optional)' });
    expect(note.getAttribute('aria-invalid')).toBe('true');
    const describedBy = note.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(describedBy).toContain('post-3-flag-note-error');
    expect(document.getElementById('post-3-flag-note-error')?.textContent).toContain(message);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Something else' }).checked).toBe(true);
    // A field error is shown at the field, not repeated as a general alert.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when no reason was chosen, at the group', () => {
    const message = 'Please choose what you would like the moderators to know.';
    render(FlagForm, { ...base, problem: { message, errors: { reason: message }, values: { note: 'x' } } });
    const group = screen.getByRole('group', { name: 'What would you like the moderators to know?' });
    expect(group.getAttribute('aria-describedby')).toBe('post-3-flag-reason-error');
    expect(within(group).getByText(message)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox').value).toBe('x');
  });

  it('shows a problem that is not about one field as an alert', () => {
    render(FlagForm, {
      ...base,
      problem: { message: "You can't flag your own content.", errors: {}, values: { reason: 'SPAM' } },
    });
    expect(screen.getByRole('alert').textContent).toBe("You can't flag your own content.");
  });
});
