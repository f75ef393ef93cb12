import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ErrorSummary from './ErrorSummary.svelte';

describe('ErrorSummary', () => {
  it('is an alert that takes focus', () => {
    render(ErrorSummary, { message: "That email and password don't match an account." });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("That email and password don't match an account.");
    expect(document.activeElement).toBe(alert);
  });

  it('links each field problem to its input', () => {
    render(ErrorSummary, {
      message: 'Title must be between 3 and 150 characters.',
      errors: {
        title: 'Title must be between 3 and 150 characters.',
        body: 'Body cannot be empty.',
        after: 'x',
      },
      labels: { title: 'Title', body: 'Body' },
    });
    const links = screen.getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Title must be between 3 and 150 characters.', '#title'],
      ['Body cannot be empty.', '#body'],
    ]);
  });
});
