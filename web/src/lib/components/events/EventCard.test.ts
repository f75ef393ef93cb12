import { render, screen } from '@testing-library/svelte';
import type { EventSummaryFragment } from '@kinship/graphql';
import { describe, expect, it } from 'vitest';
import EventCard from './EventCard.svelte';

const NOW = new Date('2026-12-01T12:00:00Z');

const event: EventSummaryFragment = {
  id: '6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
  seriesId: null,
  title: 'Saturday morning hike',
  kind: 'OUTDOORS',
  startsAt: '2026-12-05T15:00:00Z',
  endsAt: '2026-12-05T17:00:00Z',
  timeZone: 'America/Denver',
  capacity: 10,
  goingCount: 3,
  waitlistCount: 2,
  cancelled: false,
  status: 'VISIBLE',
  inPerson: true,
  online: false,
  viewerRsvp: null,
};

describe('EventCard', () => {
  it('links the title and shows when, kind, place and seats', () => {
    render(EventCard, { event, timeZone: 'America/Chicago', now: NOW });
    const link = screen.getByRole('link', { name: 'Saturday morning hike' });
    expect(link.getAttribute('href')).toBe(`/events/${event.id}`);
    expect(screen.getByText('Sat 5 Dec, 9:00 AM – 11:00 AM (your time)')).toBeTruthy();
    expect(screen.getByText(/8:00 AM in America\/Denver/)).toBeTruthy();
    expect(screen.getByText('Outdoors')).toBeTruthy();
    expect(screen.getByText('In person')).toBeTruthy();
    expect(screen.getByTestId('event-seats').textContent).toBe('3 of 10 going · 2 waitlisted');
    expect(screen.queryByText('Cancelled')).toBeNull();
    expect(screen.queryByText('Waiting for approval')).toBeNull();
  });

  it('shows the Cancelled and Waiting for approval badges', () => {
    render(EventCard, { event: { ...event, cancelled: true, status: 'PENDING_REVIEW' }, now: NOW });
    expect(screen.getByText('Cancelled')).toBeTruthy();
    expect(screen.getByText('Waiting for approval')).toBeTruthy();
  });

  it('counts an open event without a seat limit, and says where the member stands', () => {
    render(EventCard, {
      event: {
        ...event,
        capacity: null,
        waitlistCount: 0,
        goingCount: 4,
        online: true,
        viewerRsvp: { status: 'GOING', waitlisted: true, waitlistPosition: 1 },
      },
      now: NOW,
    });
    expect(screen.getByTestId('event-seats').textContent).toBe('4 going');
    expect(screen.getByText('In person and online')).toBeTruthy();
    expect(screen.getByText("You're on the waitlist: number 1")).toBeTruthy();
  });
});
