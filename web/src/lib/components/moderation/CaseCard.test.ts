import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { FlagCaseFieldsFragment } from '@kinship/graphql';
import CaseCard from './CaseCard.svelte';

const caseId = '0b6f1d2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const threadId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const authorId = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const now = new Date().toISOString();

function flagCase(overrides: Partial<FlagCaseFieldsFragment> = {}): FlagCaseFieldsFragment {
  return {
    id: caseId,
    kind: 'RULES',
    targetType: 'POST',
    targetId: '3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f',
    targetUserId: authorId,
    priority: 'NORMAL',
    score: 3,
    flagCount: 3,
    status: 'OPEN',
    acknowledgedBy: null,
    acknowledgedAt: null,
    createdAt: now,
    priorWarnings: 1,
    reasons: [
      { reason: 'SPAM', count: 2 },
      { reason: 'OTHER', count: 1 },
    ],
    notes: [{ reason: 'OTHER', note: 'Selling something in every thread.', createdAt: now }],
    post: {
      id: '3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f',
      position: 23,
      bodyHtml: '<p>Buy my supplements</p>',
      contentWarning: null,
      deleted: false,
      status: 'HIDDEN',
      createdAt: now,
      editedAt: null,
      author: { id: authorId, displayName: 'Sam' },
      thread: { id: threadId, title: 'Evenings in the first month' },
      moderationDecision: null,
    },
    targetUser: { id: authorId, displayName: 'Sam' },
    acknowledgedByUser: null,
    messages: [],
    ...overrides,
  };
}

describe('CaseCard', () => {
  it('shows what was flagged, why, the earlier warnings and where to look', () => {
    render(CaseCard, { flagCase: flagCase(), returnTo: '/moderation' });
    const card = screen.getByRole('article', { name: "Sam's post in “Evenings in the first month”" });
    expect(card.classList.contains('case-crisis')).toBe(false);
    expect(within(card).getByText('Flagged by members')).toBeTruthy();
    expect(within(card).getByText('Buy my supplements')).toBeTruthy();
    expect(within(card).getByText('Spam or solicitation')).toBeTruthy();
    expect(within(card).getByText('Selling something in every thread.')).toBeTruthy();
    expect(within(card).getByText(/1 warning/)).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'See it in the thread' }).getAttribute('href')).toBe(
      `/threads/${threadId}?at=21#post-23`,
    );
    expect(within(card).getByRole('link', { name: "Sam's moderation history" }).getAttribute('href')).toBe(
      `/moderation/members/${authorId}`,
    );
  });

  it('offers the actions that fit a hidden post, with a reason field for the author', () => {
    render(CaseCard, { flagCase: flagCase(), returnTo: '/moderation' });
    const group = screen.getByRole('group', { name: /^Actions on the case about / });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => [b.textContent?.trim(), b.getAttribute('value')])).toEqual([
      ['Dismiss and show the post again', 'DISMISS'],
      ['Hide post', 'HIDE'],
      ['Remove post', 'REMOVE'],
    ]);
    for (const button of buttons) expect(button.getAttribute('name')).toBe('action');
    const form = group.closest('form')!;
    expect(form.getAttribute('method')).toBe('POST');
    expect(form.getAttribute('action')).toBe('?/moderate');
    const data = new FormData(form);
    expect(data.get('caseId')).toBe(caseId);
    expect(data.get('returnTo')).toBe('/moderation');
    expect(screen.getByRole('textbox', { name: 'Reason for the author' })).toBeTruthy();
  });

  it('offers approve and remove for a post waiting for review', () => {
    const post = { ...flagCase().post!, status: 'PENDING_REVIEW' as const };
    render(CaseCard, {
      flagCase: flagCase({ kind: 'PREMODERATION', reasons: [], notes: [], score: 0, flagCount: 0, post }),
      returnTo: '/moderation',
    });
    const group = screen.getByRole('group', { name: /^Actions on the case about / });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.getAttribute('value')),
    ).toEqual(['APPROVE', 'REMOVE']);
  });

  it('shows a crisis case prominently, with "I\'m on it" and calm guidance', () => {
    const post = { ...flagCase().post!, status: 'VISIBLE' as const };
    render(CaseCard, {
      flagCase: flagCase({ kind: 'CRISIS', priority: 'CRISIS', reasons: [], notes: [], score: 0, post }),
      returnTo: '/moderation',
    });
    const card = screen.getByRole('article');
    expect(card.classList.contains('case-crisis')).toBe(true);
    expect(within(card).getByText('May be in crisis').classList.contains('case-kind')).toBe(true);
    expect(within(card).getByText(/The post stays visible/)).toBeTruthy();
    const ack = within(card).getByRole('button', { name: /^I'm on it/ });
    // Named after its case, since a queue can hold several.
    expect(ack.textContent).toBe("I'm on it: Sam's post in “Evenings in the first month”");
    expect(ack.closest('form')?.getAttribute('action')).toBe('?/acknowledge');
    expect(within(card).getByText(/stops the alert to the admins/)).toBeTruthy();
    const group = within(card).getByRole('group', { name: /^Actions on the case about / });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent?.trim()),
    ).toEqual(['Close the case', 'Hide post', 'Remove post']);
  });

  it('names who took the case instead of offering "I\'m on it" again', () => {
    render(CaseCard, {
      flagCase: flagCase({
        kind: 'CRISIS',
        priority: 'CRISIS',
        acknowledgedAt: now,
        acknowledgedBy: 'x',
        acknowledgedByUser: { id: 'x', displayName: 'Morgan' },
      }),
      returnTo: '/moderation',
    });
    expect(screen.queryByRole('button', { name: /I'm on it/ })).toBeNull();
    expect(screen.getByText(/Morgan/)).toBeTruthy();
  });

  it('shows no actions on a closed case, and a reason error at the field', () => {
    const { unmount } = render(CaseCard, {
      flagCase: flagCase({ status: 'RESOLVED' }),
      returnTo: '/moderation',
    });
    expect(screen.queryByRole('group', { name: /^Actions on the case about / })).toBeNull();
    expect(screen.getByText('Resolved')).toBeTruthy();
    unmount();
    const message = 'Please give a reason: the member will be told it.';
    render(CaseCard, {
      flagCase: flagCase(),
      returnTo: '/moderation',
      problem: { message, errors: { reason: message }, values: { reason: '' } },
    });
    const reason = screen.getByRole('textbox', { name: 'Reason for the author' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(message)).toBeTruthy();
  });

  it('shows a reported conversation: the reported message marked, its context, and Dismiss or Remove the reported message', () => {
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    render(CaseCard, {
      flagCase: flagCase({
        targetType: 'CONVERSATION',
        post: null,
        reasons: [{ reason: 'HARASSMENT', count: 1 }],
        notes: [],
        messages: [
          {
            id: 'm1',
            bodyHtml: '<p>Earlier words</p>',
            reported: false,
            removed: false,
            createdAt: at(9),
            author: { id: 'a', displayName: 'River' },
          },
          {
            id: 'm2',
            bodyHtml: '<p>The hurtful one</p>',
            reported: true,
            removed: false,
            createdAt: at(8),
            author: { id: authorId, displayName: 'Sam' },
          },
          { id: 'm3', bodyHtml: null, reported: false, removed: true, createdAt: at(7), author: null },
        ],
      }),
      returnTo: '/moderation',
    });
    const card = screen.getByRole('article', { name: 'Reported messages from Sam' });
    const shared = within(card).getByRole('region', { name: 'What the report shared' });
    const items = within(shared).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).queryByText('Reported')).toBeNull();
    expect(within(items[0]).getByText('Earlier words')).toBeTruthy();
    expect(within(items[1]).getByText('Reported')).toBeTruthy();
    expect(within(items[1]).getByText('The hurtful one')).toBeTruthy();
    expect(within(items[2]).getByText('Former member')).toBeTruthy();
    expect(within(items[2]).getByText('Message removed')).toBeTruthy();
    expect(within(shared).getByText(/cannot read anything else in the conversation/)).toBeTruthy();
    const group = within(card).getByRole('group', { name: /^Actions on the case about / });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => [b.getAttribute('value'), b.textContent]),
    ).toEqual([
      ['DISMISS', 'Dismiss (nothing to act on)'],
      ['REMOVE', 'Remove the reported message'],
    ]);
    expect(new FormData(group.closest('form')!).get('item')).toBe('message');
  });

  it('offers "Message this member" in one step on a crisis case page, and nowhere it does not belong', () => {
    const post = { ...flagCase().post!, status: 'VISIBLE' as const };
    const crisis = flagCase({ kind: 'CRISIS', priority: 'CRISIS', reasons: [], notes: [], score: 0, post });
    const first = render(CaseCard, { flagCase: crisis, returnTo: '/moderation/cases/x', offerMessage: true });
    const button = screen.getByRole('button', { name: 'Message this member: Sam' });
    const form = button.closest('form')!;
    expect(form.getAttribute('method')).toBe('POST');
    expect(form.getAttribute('action')).toBe('?/messageMember');
    expect(new FormData(form).get('caseId')).toBe(caseId);
    first.unmount();
    // Not in the queue, and not on a case about breaking the rules.
    const second = render(CaseCard, { flagCase: crisis, returnTo: '/moderation' });
    expect(screen.queryByRole('button', { name: /^Message this member/ })).toBeNull();
    second.unmount();
    render(CaseCard, { flagCase: flagCase(), returnTo: '/moderation/cases/x', offerMessage: true });
    expect(screen.queryByRole('button', { name: /^Message this member/ })).toBeNull();
  });
});
