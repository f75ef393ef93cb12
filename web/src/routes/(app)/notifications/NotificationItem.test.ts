import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import NotificationItem from './NotificationItem.svelte';

const base = {
  id: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
  type: 'REPLY' as const,
  title: 'Sam replied to "First week back at work"',
  body: 'Open the thread to read it.',
  url: '/threads/abc?at=3#post-3',
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
};

describe('NotificationItem', () => {
  it('marks an unread notification with text, not only colour', () => {
    render(NotificationItem, { notification: { ...base, readAt: null } });
    const item = screen.getByRole('listitem');
    expect(item.classList.contains('unread')).toBe(true);
    expect(screen.getByText('New')).toBeTruthy();
    const link = screen.getByRole('link', { name: `${base.title} (unread)` });
    expect(link.getAttribute('href')).toBe(base.url);
    expect(screen.getByText(base.body)).toBeTruthy();
    expect(screen.getByText('5 minutes ago').tagName).toBe('TIME');
  });

  it('offers a form that marks it read and opens it', () => {
    render(NotificationItem, { notification: { ...base, readAt: null } });
    const button = screen.getByRole('button', { name: `Open and mark as read: ${base.title}` });
    const form = button.closest('form');
    expect(form?.getAttribute('method')).toBe('POST');
    expect(form?.getAttribute('action')).toBe('?/open');
    const data = new FormData(form!);
    expect(data.get('id')).toBe(base.id);
    expect(data.get('url')).toBe(base.url);
  });

  it('shows a read notification as a plain link', () => {
    render(NotificationItem, { notification: { ...base, readAt: new Date().toISOString() } });
    expect(screen.getByRole('listitem').classList.contains('unread')).toBe(false);
    expect(screen.queryByText('New')).toBeNull();
    expect(screen.getByRole('link', { name: base.title }).getAttribute('href')).toBe(base.url);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
