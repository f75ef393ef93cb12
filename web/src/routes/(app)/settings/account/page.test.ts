import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const user = { id: 'u1', displayName: 'River', role: 'MEMBER' as const, timeZone: 'UTC' };
const sessions = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    deviceHint: 'Chrome on Linux',
    createdAt: '2026-03-01T10:00:00.000Z',
    lastUsedAt: new Date().toISOString(),
    current: true,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    deviceHint: 'Safari on iOS',
    createdAt: '2026-02-01T10:00:00.000Z',
    lastUsedAt: '2026-02-02T10:00:00.000Z',
    current: false,
  },
];

function renderPage(form: unknown = null, data: Record<string, unknown> = {}) {
  return render(Page, {
    // The page's props as SvelteKit passes them (data from the load, the last action's result).
    props: { data: { user, unreadCount: 0, sessions, exportFailed: false, ...data }, form } as never,
  });
}

describe('Account and privacy page', () => {
  it('marks this device and offers "Sign out" for each other one, named for screen readers', () => {
    renderPage();
    const list = screen.getByTestId('sessions');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('This device')).toBeTruthy();
    expect(within(items[0]).queryByRole('button')).toBeNull();
    const signOut = within(items[1]).getByRole('button', { name: /^Sign out Safari on iOS/ });
    const form = signOut.closest('form');
    expect(form?.getAttribute('method')).toBe('POST');
    expect(form?.getAttribute('action')).toBe('?/revoke');
    expect(form?.querySelector<HTMLInputElement>('input[name="id"]')?.value).toBe(sessions[1].id);
  });

  it('downloads the data with a plain form post to the export endpoint', () => {
    renderPage();
    const button = screen.getByRole('button', { name: 'Download your data' });
    const form = button.closest('form');
    expect(form?.getAttribute('method')).toBe('POST');
    expect(form?.getAttribute('action')).toBe('/settings/account/export');
  });

  it('asks for the password, a choice for the posts with nothing chosen for the member, and a confirmation', () => {
    renderPage();
    const keep = screen.getByRole<HTMLInputElement>('radio', {
      name: 'Keep my posts, shown as "Former member"',
    });
    const remove = screen.getByRole<HTMLInputElement>('radio', { name: 'Remove the text of my posts' });
    expect(keep.checked).toBe(false);
    expect(remove.checked).toBe(false);
    expect(screen.getByLabelText('Your password').getAttribute('type')).toBe('password');
    const confirm = screen.getByRole<HTMLInputElement>('checkbox', { name: /cannot be undone/ });
    expect(confirm.checked).toBe(false);
    expect(
      screen.getByRole('button', { name: 'Delete my account' }).closest('form')?.getAttribute('action'),
    ).toBe('?/delete');
  });

  it('shows a failed delete beside its fields and keeps what was chosen (never the password)', () => {
    renderPage({
      scope: 'delete',
      message: 'Your password is not correct.',
      errors: { password: 'Your password is not correct.' },
      values: { keepPosts: 'remove', confirmDelete: 'on' },
    });
    expect(screen.getByRole('alert').textContent).toContain('Your password is not correct.');
    const password = screen.getByLabelText<HTMLInputElement>('Your password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.value).toBe('');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Remove the text of my posts' }).checked).toBe(
      true,
    );
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /cannot be undone/ }).checked).toBe(true);
  });

  it('names the confirmation field when the new passwords differ', () => {
    renderPage({
      scope: 'password',
      message: 'Please check the password form.',
      errors: { confirmPassword: "Confirm new password doesn't match the new password." },
      values: {},
    });
    const summaryLink = within(screen.getByRole('alert')).getByRole('link');
    expect(summaryLink.getAttribute('href')).toBe('#confirmPassword');
    expect(summaryLink.textContent).toMatch(/^Confirm new password/);
    expect(screen.getByLabelText('Confirm new password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBeNull();
  });
});
