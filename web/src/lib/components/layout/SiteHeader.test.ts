import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SiteHeader from './SiteHeader.svelte';

const member = { id: 'u1', displayName: 'River', role: 'MEMBER' as const };

describe('SiteHeader', () => {
  it('shows the help link to signed-out visitors', () => {
    render(SiteHeader, { user: null });
    const help = screen.getByRole('link', { name: 'Need help now?' });
    expect(help.getAttribute('href')).toBe('/help');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin');
    expect(screen.queryByRole('link', { name: /Notifications/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('shows the help link, navigation and sign-out to members', () => {
    render(SiteHeader, { user: member, unreadCount: 0 });
    expect(screen.getByRole('link', { name: 'Need help now?' }).getAttribute('href')).toBe('/help');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Notifications' }).getAttribute('href')).toBe(
      '/notifications',
    );
    expect(within(nav).getByRole('link', { name: 'Search' }).getAttribute('href')).toBe('/search');
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe(
      '/settings/profile',
    );
    const signOut = screen.getByRole('button', { name: 'Sign out' });
    const form = signOut.closest('form');
    expect(form?.getAttribute('method')).toBe('POST');
    expect(form?.getAttribute('action')).toBe('/signout');
  });

  it('names the unread badge for screen readers', () => {
    render(SiteHeader, { user: member, unreadCount: 3 });
    const link = screen.getByRole('link', { name: 'Notifications, 3 unread' });
    const badge = link.querySelector('.badge');
    expect(badge?.textContent).toBe('3');
    expect(badge?.getAttribute('aria-hidden')).toBe('true');
  });

  it('caps the visible badge but not the spoken count', () => {
    render(SiteHeader, { user: member, unreadCount: 150 });
    const link = screen.getByRole('link', { name: 'Notifications, 150 unread' });
    expect(link.querySelector('.badge')?.textContent).toBe('99+');
  });

  it('links to events and the milestone wall', () => {
    render(SiteHeader, { user: member, currentPath: '/milestones/abc' });
    expect(screen.getByRole('link', { name: 'Events' }).getAttribute('href')).toBe('/events');
    const milestones = screen.getByRole('link', { name: 'Milestones' });
    expect(milestones.getAttribute('href')).toBe('/milestones/wall');
    expect(milestones.getAttribute('aria-current')).toBe('page');
  });

  it('links to the resource boards, marked current on a posting page', () => {
    render(SiteHeader, { user: member, currentPath: '/resources/boards/abc' });
    const resources = screen.getByRole('link', { name: 'Resources' });
    expect(resources.getAttribute('href')).toBe('/resources');
    expect(resources.getAttribute('aria-current')).toBe('page');
  });

  it('shows invites only to admins', () => {
    const { unmount } = render(SiteHeader, { user: member });
    expect(screen.queryByRole('link', { name: 'Invites' })).toBeNull();
    unmount();
    render(SiteHeader, { user: { ...member, role: 'ADMIN' } });
    expect(screen.getByRole('link', { name: 'Invites' }).getAttribute('href')).toBe('/admin/invites');
  });

  it('shows the moderation link to moderators and admins only', () => {
    const { unmount } = render(SiteHeader, { user: member });
    expect(screen.queryByRole('link', { name: 'Moderation' })).toBeNull();
    unmount();
    const second = render(SiteHeader, {
      user: { ...member, role: 'MODERATOR' },
      currentPath: '/moderation/log',
    });
    const link = screen.getByRole('link', { name: 'Moderation' });
    expect(link.getAttribute('href')).toBe('/moderation');
    expect(link.getAttribute('aria-current')).toBe('page');
    second.unmount();
    render(SiteHeader, { user: { ...member, role: 'ADMIN' } });
    expect(screen.getByRole('link', { name: 'Moderation' }).getAttribute('href')).toBe('/moderation');
  });

  it('marks Settings current on every settings page', () => {
    render(SiteHeader, { user: member, currentPath: '/settings/filters' });
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });

  it('marks the current page', () => {
    render(SiteHeader, { user: member, currentPath: '/notifications' });
    expect(screen.getByRole('link', { name: 'Notifications' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBeNull();
  });

  it('links to Messages with its own badge, named starting with the visible text', () => {
    const { unmount } = render(SiteHeader, { user: member, unreadCount: 0, messageCount: 0 });
    const plain = screen.getByRole('link', { name: 'Messages' });
    expect(plain.getAttribute('href')).toBe('/messages');
    expect(plain.querySelector('.badge')).toBeNull();
    unmount();
    render(SiteHeader, { user: member, unreadCount: 1, messageCount: 2, currentPath: '/messages/abc' });
    const link = screen.getByRole('link', { name: 'Messages, 2 unread' });
    expect(link.querySelector('.badge')?.textContent).toBe('2');
    expect(link.querySelector('.badge')?.getAttribute('aria-hidden')).toBe('true');
    expect(link.getAttribute('aria-current')).toBe('page');
    // The two badges count different things.
    expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeTruthy();
  });
});
