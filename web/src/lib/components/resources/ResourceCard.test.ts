import { render, screen } from '@testing-library/svelte';
import type { ResourceSummaryFragment } from '@kinship/graphql';
import { describe, expect, it } from 'vitest';
import ResourceCard from './ResourceCard.svelte';

const NOW = new Date('2026-05-01T12:00:00Z');

const resource: ResourceSummaryFragment = {
  id: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a02',
  title: 'Kitchen assistant, part-time',
  organization: 'Second Chance Bakery',
  location: 'Denver',
  remote: false,
  url: 'https://bakery.example/jobs',
  tags: ['fair-chance employer', 'part-time'],
  expiresAt: '2026-05-31T12:00:00Z',
  expired: false,
  status: 'VISIBLE',
  createdAt: '2026-04-30T12:00:00Z',
  board: { id: '0b0c0d0e-0000-4000-8000-000000000001', name: 'Jobs' },
};

describe('ResourceCard', () => {
  it('links the title to the posting page and lists organisation, place, expiry and tags', () => {
    render(ResourceCard, { resource, timeZone: 'UTC', now: NOW });
    const title = screen.getByRole('link', { name: 'Kitchen assistant, part-time' });
    expect(title.getAttribute('href')).toBe(`/resources/${resource.id}`);
    expect(screen.getByText('Second Chance Bakery')).toBeTruthy();
    expect(screen.getByText('Denver')).toBeTruthy();
    expect(screen.getByText('On the board until May 31')).toBeTruthy();
    const tags = screen.getByRole('list', { name: 'Tags' });
    expect([...tags.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'fair-chance employer',
      'part-time',
    ]);
    expect(screen.queryByTestId('resource-status')).toBeNull();
  });

  it('opens the external link safely and says it leaves Kinship', () => {
    render(ResourceCard, { resource, now: NOW });
    const link = screen.getByRole('link', { name: /Apply \/ visit/ });
    expect(link.getAttribute('href')).toBe('https://bakery.example/jobs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener nofollow');
    expect(link.textContent).toContain('(opens another site)');
    expect(link.querySelector('.visually-hidden')?.textContent).toContain('(opens another site)');
  });

  it('shows no link for a missing or non-web address', () => {
    render(ResourceCard, { resource: { ...resource, url: 'javascript:alert(1)' }, now: NOW });
    expect(screen.queryByRole('link', { name: /Apply \/ visit/ })).toBeNull();
  });

  it.each([
    [{ status: 'PENDING_REVIEW', expired: false }, 'Waiting for review'],
    [{ status: 'VISIBLE', expired: false }, 'Live'],
    [{ status: 'VISIBLE', expired: true }, 'Expired'],
  ] as const)('shows the status in words: %o → %s', (state, text) => {
    render(ResourceCard, { resource: { ...resource, ...state }, showStatus: true, now: NOW });
    expect(screen.getByTestId('resource-status').textContent?.replace(/\s+/g, ' ').trim()).toBe(
      `Status: ${text}`,
    );
  });

  it('names the board when asked, and says when an expired posting ended', () => {
    render(ResourceCard, {
      resource: { ...resource, expired: true, expiresAt: '2026-04-20T12:00:00Z', remote: true },
      showBoard: true,
      timeZone: 'UTC',
      now: NOW,
    });
    expect(screen.getByText('Jobs')).toBeTruthy();
    expect(screen.getByText('Denver · Remote or online')).toBeTruthy();
    expect(screen.getByText('Expired on Apr 20')).toBeTruthy();
  });
});
