import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FormField from './FormField.svelte';

describe('FormField', () => {
  it('labels its input and carries the name and value', () => {
    render(FormField, { label: 'Email', name: 'email', type: 'email', value: 'river@example.org' });
    const input = screen.getByLabelText('Email');
    expect(input.tagName).toBe('INPUT');
    expect(input.getAttribute('name')).toBe('email');
    expect(input.getAttribute('type')).toBe('email');
    expect((input as HTMLInputElement).value).toBe('river@example.org');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('links the hint with aria-describedby', () => {
    render(FormField, {
      label: 'Password',
      name: 'password',
      type: 'password',
      hint: 'At least 10 characters.',
    });
    const input = screen.getByLabelText('Password');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ')).toEqual(['password-hint']);
    expect(document.getElementById('password-hint')?.textContent).toBe('At least 10 characters.');
  });

  it('marks the input invalid and links the error after the hint', () => {
    render(FormField, {
      label: 'Title',
      name: 'title',
      hint: '3 to 150 characters.',
      error: 'Title must be between 3 and 150 characters.',
      value: 'Hi',
    });
    const input = screen.getByLabelText('Title');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
    expect(ids).toEqual(['title-hint', 'title-error']);
    const error = document.getElementById('title-error');
    expect(error?.textContent).toContain('Title must be between 3 and 150 characters.');
    // The typed value is kept so nothing is lost.
    expect((input as HTMLInputElement).value).toBe('Hi');
  });

  it('renders a labelled textarea with its error', () => {
    render(FormField, { label: 'Your reply', name: 'body', multiline: true, error: 'Body cannot be empty.' });
    const textarea = screen.getByLabelText('Your reply');
    expect(textarea.tagName).toBe('TEXTAREA');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(textarea.getAttribute('aria-describedby')).toBe('body-error');
  });

  it('renders a select with the chosen option', () => {
    render(FormField, {
      label: 'Category',
      name: 'categoryId',
      placeholderOption: 'Choose a category',
      options: [
        { value: 'a', label: 'Introductions' },
        { value: 'b', label: 'Wins' },
      ],
      value: 'b',
    });
    const select = screen.getByLabelText<HTMLSelectElement>('Category');
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('b');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose a category',
      'Introductions',
      'Wins',
    ]);
  });

  it('uses a custom id for label and descriptions', () => {
    render(FormField, {
      label: 'Email (optional)',
      name: 'email',
      id: 'invite-email',
      error: 'Email must be valid.',
    });
    const input = screen.getByLabelText('Email (optional)');
    expect(input.id).toBe('invite-email');
    expect(input.getAttribute('aria-describedby')).toBe('invite-email-error');
  });
});
