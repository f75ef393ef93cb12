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
