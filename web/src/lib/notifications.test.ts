import { describe, expect, it } from 'vitest';
import {
  badgeText,
  minutesToTime,
  parseUnreadEvent,
  timeToMinutes,
  unreadAnnouncement,
  unreadLabel,
  unsubscribeLabel,
} from './notifications';

describe('live unread badge', () => {
  it('names the link with the full count, and plainly when nothing is unread', () => {
    expect(unreadLabel(0)).toBe('Notifications');
    expect(unreadLabel(1)).toBe('Notifications, 1 unread');
    expect(unreadLabel(2)).toBe('Notifications, 2 unread');
    expect(unreadLabel(150)).toBe('Notifications, 150 unread');
  });

  it('caps the visible badge at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });

  it('reads counts from server-sent events and ignores anything else', () => {
    expect(parseUnreadEvent('3')).toBe(3);
    expect(parseUnreadEvent(' 0\n')).toBe(0);
    expect(parseUnreadEvent('-1')).toBeNull();
    expect(parseUnreadEvent('two')).toBeNull();
    expect(parseUnreadEvent('')).toBeNull();
    expect(parseUnreadEvent(undefined)).toBeNull();
  });

  it('announces only a rising count', () => {
    expect(unreadAnnouncement(0, 1)).toBe('You have 1 unread notification.');
    expect(unreadAnnouncement(1, 3)).toBe('You have 3 unread notifications.');
    expect(unreadAnnouncement(3, 0)).toBeNull();
    expect(unreadAnnouncement(2, 2)).toBeNull();
  });
});

describe('quiet hours times', () => {
  it('converts minutes to time inputs and back', () => {
    expect(minutesToTime(1320)).toBe('22:00');
    expect(minutesToTime(420)).toBe('07:00');
    expect(minutesToTime(0)).toBe('00:00');
    expect(timeToMinutes('22:00')).toBe(1320);
    expect(timeToMinutes('07:30:00')).toBe(450);
    expect(timeToMinutes('24:00')).toBeNull();
    expect(timeToMinutes('')).toBeNull();
    expect(timeToMinutes('7pm')).toBeNull();
  });
});

describe('unsubscribe links', () => {
  it('names the kind of email a link is about', () => {
    const token = Buffer.from('user-1.MILESTONE.c2lnbmF0dXJl', 'utf8').toString('base64url');
    expect(unsubscribeLabel(token)).toBe('Milestones of members you follow');
  });

  it('gives up quietly on a garbled link', () => {
    expect(unsubscribeLabel('')).toBeNull();
    expect(unsubscribeLabel('not a token!')).toBeNull();
    expect(unsubscribeLabel(Buffer.from('a.NOPE.b').toString('base64url'))).toBeNull();
  });
});
