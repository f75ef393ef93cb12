import { describe, expect, it } from 'vitest';
import { editDecision, editWindowMs, isNewMember, reactionSummary } from './posting-rules';

const now = new Date('2026-11-27T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const DAY = 86_400_000;

describe('edit window', () => {
  it('is 30 days for established members and 24 hours for those who joined in the last 7 days', () => {
    expect(editWindowMs(ago(30 * DAY), now)).toBe(30 * DAY);
    expect(editWindowMs(ago(6 * DAY), now)).toBe(DAY);
    expect(isNewMember(ago(7 * DAY), now)).toBe(false);
    expect(isNewMember(ago(7 * DAY - 1), now)).toBe(true);
  });

  it('keeps no revision in the first 5 minutes, revises after, and refuses once the window closes', () => {
    const veteran = ago(100 * DAY);
    expect(editDecision(ago(4 * MIN), veteran, now)).toBe('grace');
    expect(editDecision(ago(5 * MIN), veteran, now)).toBe('grace');
    expect(editDecision(ago(5 * MIN + 1), veteran, now)).toBe('revise');
    expect(editDecision(ago(30 * DAY), veteran, now)).toBe('revise');
    expect(editDecision(ago(30 * DAY + 1), veteran, now)).toBe('expired');
  });

  it('closes after 24 hours for a new member', () => {
    const newcomer = ago(2 * DAY);
    expect(editDecision(ago(DAY - MIN), newcomer, now)).toBe('revise');
    expect(editDecision(ago(DAY + MIN), newcomer, now)).toBe('expired');
  });
});

describe('reactionSummary', () => {
  it('names a single member and counts several', () => {
    expect(reactionSummary(['HUG'], 1, 'Jess T')).toBe('Jess T sent a hug');
    expect(reactionSummary(['SUPPORT', 'SUPPORT', 'SUPPORT'], 3, 'Jess T')).toBe('3 members sent support');
    expect(reactionSummary(['SUPPORT', 'STRENGTH'], 2, 'Jess T')).toBe('2 members reacted to your post');
  });
});
