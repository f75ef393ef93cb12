import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import MessageItem from './MessageItem.svelte';

const id = '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01';
const base = {
  id,
  bodyHtml: '<p>See you on <strong>Sunday</strong></p>',
  removed: false,
  heldForReview: false,
  mine: false,
  createdAt: new Date().toISOString(),
  authorName: 'River',
};
const page = '/messages/c1?after=abc';

describe('MessageItem', () => {
  it("offers Report on someone else's message, keeping the page it is on", () => {
    render(MessageItem, { message: base, page, timeZone: null, canReport: true });
    expect(screen.getByText('River')).toBeTruthy();
    expect(screen.getByText('Sunday')).toBeTruthy();
    const report = screen.getByRole('link', { name: "Report River's message “See you on Sunday”" });
    expect(report.getAttribute('href')).toBe(`/messages/c1?after=abc&report=${id}#report`);
    expect(screen.queryByText('Delete')).toBeNull();
  });

  it('asks once before deleting your own, with a plain form that comes back to the message', () => {
    render(MessageItem, { message: { ...base, mine: true }, page, timeZone: null, canReport: true });
    expect(screen.getByText('You')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /^Report/ })).toBeNull();
    const summary = screen.getByText('Delete');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.getAttribute('aria-label')).toBe('Delete your message “See you on Sunday”');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText(/Everyone in the conversation will see “Message removed”/)).toBeTruthy();
    const form = within(details)
      .getByRole('button', { name: 'Yes, delete my message', hidden: true })
      .closest('form')!;
    expect(form.getAttribute('method')).toBe('POST');
    expect(form.getAttribute('action')).toBe('?/deleteMessage');
    const data = new FormData(form);
    expect(data.get('messageId')).toBe(id);
    expect(data.get('returnTo')).toBe(`${page}#message-${id}`);
  });

  it('shows a removed message as removed, with nothing to act on', () => {
    render(MessageItem, {
      message: { ...base, bodyHtml: null, removed: true },
      page,
      timeZone: null,
      canReport: true,
    });
    expect(screen.getByText('Message removed')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByText('Delete')).toBeNull();
  });

  it('says a held message waits for a moderator and only its author sees it', () => {
    render(MessageItem, {
      message: { ...base, mine: true, heldForReview: true },
      page,
      timeZone: null,
      canReport: true,
    });
    expect(screen.getByText('Waiting for a moderator')).toBeTruthy();
    expect(screen.getByText(/Only you can see it/)).toBeTruthy();
  });
});
