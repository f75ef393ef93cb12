import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const at = '2026-03-04T10:00:00.000Z';
const river = { id: 'm1', displayName: 'River' };
const priya = { id: 'u1', displayName: 'Priya' };
const work = { id: 't-work', label: 'Returning to work', archived: false };

const ended = {
  id: 'p1',
  status: 'ENDED',
  createdAt: at,
  startedAt: at,
  endedAt: at,
  pairedByStaff: false,
  mentorCheckIn: 'GOING_WELL',
  menteeCheckIn: 'COULD_BE_BETTER',
  endNote: 'Our schedules never matched.',
  endedBy: priya,
  mentor: river,
  mentee: priya,
  topics: [work],
};

const base = {
  user: { id: 's1', displayName: 'Morgan', role: 'MODERATOR' as const, timeZone: 'UTC' },
  unreadCount: 0,
  messageCount: 0,
  awaiting: [
    {
      userId: 'u9',
      about: 'Ten months in; happy to talk about work.',
      capacity: 2,
      createdAt: at,
      user: { id: 'u9', displayName: 'Sam' },
      topics: [work],
    },
  ],
  mentors: [
    { userId: 'm1', capacity: 2, available: true, activeMentees: 1, user: river, topics: [work] },
    {
      userId: 'm2',
      capacity: 1,
      available: true,
      activeMentees: 1,
      user: { id: 'm2', displayName: 'Kai' },
      topics: [],
    },
  ],
  withRoom: ['River'],
  waiting: ['Dee'],
  pairings: [
    ended,
    {
      ...ended,
      id: 'p2',
      status: 'DECLINED',
      mentorCheckIn: null,
      menteeCheckIn: null,
      endNote: null,
      mentee: { id: 'u5', displayName: 'Dee' },
      endedBy: river,
    },
  ],
  status: null,
  topics: null,
  prefill: { mentorName: '', menteeName: '' },
  done: null,
};

function renderPage(data: Record<string, unknown> = {}, form: unknown = null) {
  return render(Page, { props: { data: { ...base, ...data }, form } as never });
}

describe('the staff mentoring page', () => {
  it('lists offers waiting, with Approve in one press and Not approve asking once', () => {
    renderPage();
    const waiting = screen.getByRole('region', { name: 'Waiting for approval' });
    expect(within(waiting).getByText('Ten months in; happy to talk about work.')).toBeTruthy();
    const approve = within(waiting).getByRole('button', { name: 'Approve Sam' });
    expect(new FormData(approve.closest('form')!).get('approve')).toBe('true');
    expect(within(waiting).getByText('Not approve').tagName).toBe('SUMMARY');
    const no = within(waiting).getByRole('button', { name: 'Yes, not approve Sam', hidden: true });
    expect(new FormData(no.closest('form')!).get('approve')).toBe('false');
  });

  it('shows each pairing with names, dates, check-in answers and the end note, and never a conversation link', () => {
    renderPage();
    const pairings = screen.getByRole('region', { name: 'Pairings' });
    const first = within(pairings).getAllByRole('article')[0];
    expect(first.textContent).toContain('River');
    expect(first.textContent).toContain('Priya');
    expect(first.textContent).toContain('River: Going well');
    expect(first.textContent).toContain('Priya: Could be better');
    expect(within(first).getByText('Our schedules never matched.')).toBeTruthy();
    expect(first.textContent).toContain('by Priya');
    expect(document.querySelectorAll('a[href^="/messages"]').length).toBe(0);
  });

  it('filters pairings by state with links that work without JavaScript', () => {
    renderPage({ status: 'ACTIVE', pairings: [] });
    const nav = screen.getByRole('navigation', { name: 'Pairings by state' });
    expect(within(nav).getByRole('link', { name: 'Active' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'All' }).getAttribute('href')).toBe(
      '/moderation/mentoring#pairings',
    );
    expect(within(nav).getByRole('link', { name: 'Ended' }).getAttribute('href')).toBe(
      '/moderation/mentoring?status=ENDED#pairings',
    );
    expect(screen.getByText('No pairings in this state. Choose All to see every pairing.')).toBeTruthy();
  });

  it('pairs directly by display name, with the mentors who have room and the members waiting to choose from', () => {
    renderPage({ prefill: { mentorName: 'River', menteeName: '' } });
    const pair = screen.getByRole('region', { name: 'Pair directly' });
    const mentor = within(pair).getByLabelText<HTMLInputElement>('Mentor');
    expect(mentor.value).toBe('River');
    expect(document.getElementById(mentor.getAttribute('list')!)?.querySelectorAll('option').length).toBe(1);
    const mentee = within(pair).getByLabelText<HTMLInputElement>('Mentee');
    expect(mentee.getAttribute('list')).toBe('waiting-mentees');
    expect(within(pair).getByRole('link', { name: 'Pair Dee with a mentor' }).getAttribute('href')).toBe(
      '/moderation/mentoring?mentee=Dee#pair',
    );
    // A full mentor is listed, but not offered for pairing.
    const mentors = screen.getByRole('region', { name: 'Mentors' });
    expect(within(mentors).getByRole('link', { name: 'Pair with River as the mentor' })).toBeTruthy();
    expect(within(mentors).queryByRole('link', { name: 'Pair with Kai as the mentor' })).toBeNull();
    expect(within(mentors).getByText('Mentoring 1 of 1')).toBeTruthy();
  });

  it('names the field at fault when pairing fails', () => {
    renderPage(
      {},
      {
        scope: 'pair',
        message: 'No member is called “Rivr”.',
        errors: { mentorName: 'No member is called “Rivr”.' },
        values: { mentorName: 'Rivr', menteeName: 'Dee' },
      },
    );
    expect(screen.getByLabelText<HTMLInputElement>('Mentor').value).toBe('Rivr');
    expect(screen.getByLabelText('Mentor').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('link', { name: 'No member is called “Rivr”.' }).getAttribute('href')).toBe(
      '#mentorName',
    );
  });

  it('shows topics to admins only', () => {
    renderPage();
    expect(screen.queryByRole('region', { name: 'Topics' })).toBeNull();
    renderPage({ topics: [work, { id: 't-old', label: 'Old', archived: true }] });
    const topics = screen.getByRole('region', { name: 'Topics' });
    expect(within(topics).getByRole('button', { name: 'Archive Returning to work' })).toBeTruthy();
    expect(within(topics).getByRole('button', { name: 'Offer again: Old' })).toBeTruthy();
    expect(within(topics).getByRole('button', { name: 'Rename Returning to work' })).toBeTruthy();
    expect(within(topics).getByLabelText('Topic')).toBeTruthy();
  });
});
