import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const user = { id: 'u1', displayName: 'Priya', role: 'MEMBER' as const, timeZone: 'UTC' };
const at = '2026-03-04T10:00:00.000Z';
const topics = [
  { id: 't-work', label: 'Returning to work', archived: false },
  { id: 't-first', label: 'The first months after treatment', archived: false },
];
const river = { id: 'm1', displayName: 'River' };
const priya = { id: 'u1', displayName: 'Priya' };
const pairing = {
  id: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
  status: 'ACTIVE',
  createdAt: at,
  startedAt: at,
  endedAt: null,
  pairedByStaff: false,
  note: 'Hello',
  conversationId: 'c0ffee00-0000-4000-8000-000000000001',
  checkInDue: false,
  mentor: river,
  mentee: priya,
  topics: [topics[0]],
};

const base = {
  user,
  unreadCount: 0,
  messageCount: 0,
  canAsk: true,
  askReason: null,
  canOffer: false,
  offerNeedsApproval: true,
  profile: null,
  asMentee: null,
  requests: [],
  mentees: [],
  checkIns: [],
  topics,
  chosen: [],
  finding: false,
  suggestions: null,
  suggestionsQuery: '',
  done: null,
};

function renderPage(data: Record<string, unknown> = {}, form: unknown = null) {
  return render(Page, { props: { data: { ...base, ...data }, form } as never });
}

describe('the mentoring page', () => {
  it('for a newcomer: choose what you would like help with, in a form that works without JavaScript', () => {
    renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Mentoring' })).toBeTruthy();
    const group = screen.getByRole('group', { name: 'What would you like help with?' });
    const form = group.closest('form')!;
    expect(form.getAttribute('method')).toBe('GET');
    expect(new FormData(form).get('find')).toBe('1');
    expect(within(group).getByRole('checkbox', { name: 'Returning to work' }).getAttribute('name')).toBe(
      'topic',
    );
    expect(screen.getByRole('button', { name: 'Show mentors' })).toBeTruthy();
    // The offer is folded away for a newcomer, with what happens to it said first.
    expect(screen.getByText('Write an offer').tagName).toBe('SUMMARY');
  });

  it('lists suggested mentors, each asked through a form that keeps the suggestions', () => {
    renderPage({
      finding: true,
      chosen: ['t-work'],
      suggestionsQuery: '?find=1&topic=t-work',
      suggestions: [
        { mentorId: 'm1', displayName: 'River', about: 'Two years in.', overlap: 1, freeSlots: 1, topics },
      ],
    });
    const list = screen.getByRole('region', { name: 'Mentors with room for you' });
    expect(within(list).getByRole('heading', { name: 'River' })).toBeTruthy();
    expect(within(list).getByText('Has room for 1 more mentee')).toBeTruthy();
    const send = within(list).getByRole('button', { name: 'Send your request to River', hidden: true });
    expect(send.closest('form')?.getAttribute('action')).toBe(
      '/mentoring?find=1&topic=t-work&/request#suggestions',
    );
  });

  it('says what to do next when no mentor has room', () => {
    renderPage({ finding: true, suggestions: [] });
    expect(screen.getByText('No mentor has room right now.')).toBeTruthy();
    expect(screen.getByText(/Please look again in a few days/)).toBeTruthy();
  });

  it('with a mentor: the conversation link and End the pairing; no way to ask someone else meanwhile', () => {
    renderPage({ asMentee: pairing });
    const section = screen.getByRole('region', { name: 'Your mentor' });
    expect(within(section).getByRole('heading', { name: 'River is your mentor' })).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'Open your conversation' }).getAttribute('href')).toBe(
      `/messages/${pairing.conversationId}#latest`,
    );
    expect(within(section).getByText('End the pairing').tagName).toBe('SUMMARY');
    expect(screen.queryByRole('button', { name: 'Show mentors' })).toBeNull();
  });

  it('with a request waiting: who was asked and Withdraw, and no conversation yet', () => {
    renderPage({ asMentee: { ...pairing, status: 'REQUESTED', startedAt: null, conversationId: null } });
    expect(screen.getByRole('heading', { name: 'Waiting for River to answer' })).toBeTruthy();
    expect(screen.getByText('Withdraw your request').tagName).toBe('SUMMARY');
    expect(screen.queryByRole('link', { name: 'Open your conversation' })).toBeNull();
  });

  it('puts a check-in that is due first, as three one-tap answers', () => {
    renderPage({ asMentee: { ...pairing, checkInDue: true }, checkIns: [{ id: pairing.id, with: 'River' }] });
    const checkIn = screen.getByRole('region', { name: 'A quick check-in' });
    expect(checkIn.id).toBe('check-in');
    expect(
      within(checkIn)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Going well', 'Could be better', "I'd like to end it"]);
    expect(
      document.querySelector('h1')!.compareDocumentPosition(checkIn) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(checkIn.compareDocumentPosition(screen.getByRole('region', { name: 'Your mentor' }))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });

  it('when they cannot ask, says why kindly, after the offer', () => {
    renderPage({
      canAsk: false,
      canOffer: true,
      offerNeedsApproval: false,
      askReason: 'Asking for a mentor is for members in their first 6 months of recovery.',
    });
    const asking = screen.getByRole('region', { name: 'Asking for a mentor' });
    expect(asking.textContent).toContain('first 6 months of recovery');
    expect(screen.queryByRole('button', { name: 'Show mentors' })).toBeNull();
    // An alumnus sees the offer form itself, not folded away.
    expect(screen.getByRole('heading', { level: 3, name: 'Offer to mentor' })).toBeTruthy();
    expect(screen.getByLabelText('About me')).toBeTruthy();
  });

  it('for a mentor: requests with Accept, mentees with their conversation and End, and the offer with Stop offering', () => {
    renderPage({
      canAsk: false,
      canOffer: true,
      offerNeedsApproval: false,
      profile: {
        about: 'Two years in.',
        capacity: 2,
        available: true,
        status: 'APPROVED',
        activeMentees: 1,
        topics,
      },
      requests: [
        {
          ...pairing,
          id: 'p2',
          status: 'REQUESTED',
          mentor: priya,
          mentee: { id: 'u3', displayName: 'Sam' },
        },
      ],
      mentees: [{ ...pairing, mentor: priya, mentee: { id: 'u4', displayName: 'Dee' } }],
    });
    expect(screen.getByRole('button', { name: "Accept Sam's request" })).toBeTruthy();
    const mentees = screen.getByRole('region', { name: 'Your mentees' });
    expect(within(mentees).getByRole('link', { name: 'Open your conversation with Dee' })).toBeTruthy();
    expect(within(mentees).getByText('End the pairing').getAttribute('aria-label')).toBe(
      'End the pairing with Dee',
    );
    expect(screen.getByText('Mentoring 1 of 2.', { exact: false })).toBeTruthy();
    expect(screen.getByText('Stop offering to mentor').tagName).toBe('SUMMARY');
  });

  it('an approved mentor with no mentees yet is told what happens next', () => {
    renderPage({
      canAsk: false,
      profile: { about: 'Hi', capacity: 1, available: true, status: 'APPROVED', activeMentees: 0, topics },
    });
    expect(
      screen.getByText(/No mentees yet. Newcomers who choose what you can help with see your offer/),
    ).toBeTruthy();
  });

  it('says what just happened, once, where focus lands', () => {
    renderPage({ done: 'declined' });
    const notice = screen.getByRole('status');
    expect(notice.textContent).toBe('Declined. They will be told only that you are not available right now.');
    expect(document.activeElement).toBe(notice);
  });
});
