import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const user = { id: 'u1', displayName: 'Ash', role: 'MEMBER' as const, timeZone: 'UTC' };
const at = new Date().toISOString();
const conversation = {
  id: 'c1',
  title: 'Bea',
  tag: null,
  muted: false,
  isRequest: false,
  sendState: { canSend: true, reason: null },
  notes: [],
  askedBy: null,
};
const messages = [
  {
    id: 'm1',
    bodyHtml: '<p>First</p>',
    removed: false,
    heldForReview: false,
    mine: false,
    createdAt: at,
    authorName: 'Bea',
  },
  {
    id: 'm2',
    bodyHtml: '<p>Second</p>',
    removed: false,
    heldForReview: false,
    mine: true,
    createdAt: at,
    authorName: 'Ash',
  },
];

function renderPage(data: Record<string, unknown> = {}, form: unknown = null) {
  return render(Page, {
    props: {
      data: {
        user,
        unreadCount: 0,
        messageCount: 0,
        conversation,
        messages,
        reportable: [messages[0]],
        report: null,
        pageQuery: '',
        earlierHref: null,
        latestHref: null,
        atStart: true,
        reported: false,
        accepted: false,
        ...data,
      },
      form,
    } as never,
  });
}

describe('a conversation page', () => {
  it('lists the messages oldest first and ends with a labelled composer', () => {
    renderPage();
    const list = screen.getByRole('list', { name: 'Messages, oldest first' });
    expect(list.textContent?.indexOf('First')).toBeLessThan(list.textContent?.indexOf('Second') ?? 0);
    expect(document.getElementById('latest')?.textContent).toContain('Second');
    const box = screen.getByRole('textbox', { name: 'Your message' });
    expect(box.closest('form')?.getAttribute('action')).toBe('?/send#composer');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.getByText('This is the start of the conversation.')).toBeTruthy();
  });

  it('says why it cannot send, instead of the composer', () => {
    renderPage({
      conversation: {
        ...conversation,
        sendState: { canSend: false, reason: 'Nobody else is in this conversation any more.' },
      },
    });
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
    expect(screen.getByText('Nobody else is in this conversation any more.')).toBeTruthy();
  });

  it('links to earlier messages by cursor, and an earlier page back to the latest', () => {
    renderPage({ earlierHref: '/messages/c1?after=xyz', atStart: false });
    expect(screen.getByRole('link', { name: 'Earlier messages' }).getAttribute('href')).toBe(
      '/messages/c1?after=xyz',
    );
    expect(screen.queryByText('This is the start of the conversation.')).toBeNull();
  });

  it('offers Accept and Decline on a request, with no composer, tools or Leave', () => {
    renderPage({
      conversation: {
        ...conversation,
        isRequest: true,
        askedBy: 'Bea',
        sendState: { canSend: false, reason: 'Accept the request to reply.' },
      },
    });
    expect(screen.getByRole('heading', { name: 'Bea would like to message you' })).toBeTruthy();
    expect(screen.getByRole('button', { name: "Accept Bea's request" })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull();
  });

  it('shows the crisis panel first when a message read as a crisis', () => {
    renderPage(
      {},
      {
        sent: { href: '/messages/c1#latest' },
        safetyResources: [
          {
            name: '988 Suicide and Crisis Lifeline',
            description: 'Call or text 988.',
            phone: '988',
            text: '988',
            url: null,
          },
        ],
        plan: null,
      },
    );
    expect(screen.getByRole('heading', { name: "You're not alone" })).toBeTruthy();
    expect(screen.getByText(/Your message is sent\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the conversation' }).getAttribute('href')).toBe(
      '/messages/c1#latest',
    );
  });

  it('opens the report form with what moderators will see', () => {
    renderPage({ report: { chosen: ['m1'] } });
    const panel = screen.getByRole('region', { name: 'Report messages' });
    expect(panel.textContent).toMatch(/only the messages you tick, and the 5 messages before each one/);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /First/ }).checked).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /Second/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
  });
});
