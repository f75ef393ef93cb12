import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { SAFETY_RESOURCES } from '@kinship/shared';
import CrisisSupport from './CrisisSupport.svelte';

describe('CrisisSupport', () => {
  it('offers every crisis line with one-tap links, then the way on to the post', () => {
    render(CrisisSupport, {
      resources: SAFETY_RESOURCES,
      continueHref: '/threads/t1?at=1#post-4',
      continueLabel: 'Go to your reply',
    });
    const panel = screen.getByRole('region', { name: "You're not alone" });
    expect(document.activeElement).toBe(panel);
    for (const resource of SAFETY_RESOURCES) {
      expect(screen.getByRole('heading', { name: resource.name })).toBeTruthy();
    }
    expect(
      screen.getByRole('link', { name: 'Call 988 (988 Suicide and Crisis Lifeline)' }).getAttribute('href'),
    ).toBe('tel:988');
    expect(
      screen.getByRole('link', { name: 'Text HOME to 741741 (Crisis Text Line)' }).getAttribute('href'),
    ).toBe('sms:741741?&body=HOME');
    expect(screen.getByRole('link', { name: 'Go to your reply' }).getAttribute('href')).toBe(
      '/threads/t1?at=1#post-4',
    );
  });

  it('never lets data send the member off the site', () => {
    render(CrisisSupport, {
      resources: SAFETY_RESOURCES,
      continueHref: '//evil.example/phish',
      continueLabel: 'Go to your thread',
    });
    expect(screen.getByRole('link', { name: 'Go to your thread' }).getAttribute('href')).toBe('/');
  });
});

describe('CrisisSupport with the member’s plan', () => {
  const plan = {
    warningSigns: ['Skipping meals'],
    copingStrategies: [],
    distractions: [],
    helpers: ['Sam 555-0100'],
    professionals: [],
    safeEnvironment: [],
    reasons: ['My daughter'],
    updatedAt: '2026-12-01T10:00:00Z',
  };

  it('shows their own plan and Reach out first, before the crisis lines', () => {
    render(CrisisSupport, {
      resources: SAFETY_RESOURCES,
      continueHref: '/threads/t1',
      continueLabel: 'Go to your thread',
      plan,
    });
    const planHeading = screen.getByRole('heading', { name: 'Your plan for hard moments' });
    const firstLine = screen.getByRole('heading', { name: SAFETY_RESOURCES[0].name });
    expect(planHeading.compareDocumentPosition(firstLine) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('Skipping meals')).toBeTruthy();
    expect(screen.getByText('My daughter')).toBeTruthy();
    const reachOut = screen.getByRole('button', { name: 'Reach out' });
    expect(reachOut.closest('form')?.getAttribute('action')).toBe('/milestones/people?/reachOut');
    expect(reachOut.compareDocumentPosition(firstLine) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows only the crisis lines when the plan was never written', () => {
    render(CrisisSupport, {
      resources: SAFETY_RESOURCES,
      continueHref: '/threads/t1',
      continueLabel: 'Go to your thread',
      plan: { ...plan, warningSigns: [], helpers: [], reasons: [], updatedAt: null },
    });
    expect(screen.queryByRole('heading', { name: 'Your plan for hard moments' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reach out' })).toBeNull();
    expect(screen.getByRole('heading', { name: SAFETY_RESOURCES[0].name })).toBeTruthy();
  });
});
