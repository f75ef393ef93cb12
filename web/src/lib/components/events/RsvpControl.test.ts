import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RsvpControl from './RsvpControl.svelte';

describe('RsvpControl', () => {
  it('offers Going, Maybe and Not going as submit buttons of one form', () => {
    render(RsvpControl, { rsvp: null, open: true });
    const group = screen.getByRole('group', { name: 'Are you going?' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Going', 'Maybe', 'Not going']);
    expect(buttons.map((b) => b.getAttribute('value'))).toEqual(['GOING', 'MAYBE', 'NOT_GOING']);
    for (const button of buttons) {
      expect(button.getAttribute('name')).toBe('status');
      expect(button.getAttribute('aria-pressed')).toBe('false');
    }
    expect(buttons[0].closest('form')?.getAttribute('method')).toBe('POST');
    expect(screen.getByRole('status').textContent).toContain("You haven't answered yet.");
  });

  it("marks the member's current answer and says they're going", () => {
    render(RsvpControl, { rsvp: { status: 'GOING', waitlisted: false, waitlistPosition: null }, open: true });
    expect(screen.getByRole('button', { name: /^✓?\s*Going$/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Maybe' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('status').textContent?.trim()).toBe("You're going");
  });

  it('gives the waitlist position', () => {
    render(RsvpControl, {
      rsvp: { status: 'GOING', waitlisted: true, waitlistPosition: 3 },
      open: true,
      full: true,
    });
    expect(screen.getByRole('status').textContent?.trim()).toBe("You're on the waitlist: number 3");
  });

  it('explains the waitlist before a member joins a full event', () => {
    render(RsvpControl, { rsvp: null, open: true, full: true });
    expect(screen.getByText(/Every seat is taken/)).toBeTruthy();
  });

  it('hides the buttons once RSVPs have closed, and shows a problem', () => {
    render(RsvpControl, {
      rsvp: { status: 'MAYBE', waitlisted: false, waitlistPosition: null },
      open: false,
      problem: 'RSVPs for this event have closed.',
    });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('status').textContent?.trim()).toBe('You said maybe');
    expect(screen.getByRole('alert').textContent).toContain('RSVPs for this event have closed.');
  });
});
