import { describe, expect, it } from 'vitest';
import { caseActions, RULE_REASONS, SUPPORT_REASON } from './moderation';

const post = (status: 'VISIBLE' | 'PENDING_REVIEW' | 'HIDDEN' | 'REMOVED') => ({ status, deleted: false });

describe('caseActions', () => {
  it('fits the actions to the post as it stands', () => {
    const open = { kind: 'RULES' as const, status: 'OPEN' as const, targetType: 'POST' };
    expect(caseActions({ ...open, post: post('VISIBLE') }).map((a) => a.action)).toEqual([
      'DISMISS',
      'HIDE',
      'REMOVE',
    ]);
    expect(caseActions({ ...open, post: post('HIDDEN') }).map((a) => a.action)).toEqual([
      'DISMISS',
      'HIDE',
      'REMOVE',
    ]);
    expect(caseActions({ ...open, post: post('REMOVED') }).map((a) => a.action)).toEqual([
      'RESTORE',
      'DISMISS',
    ]);
    expect(caseActions({ ...open, post: post('PENDING_REVIEW') }).map((a) => a.action)).toEqual([
      'APPROVE',
      'REMOVE',
    ]);
  });

  it('asks for a reason exactly where the author is told one', () => {
    const actions = caseActions({ kind: 'RULES', status: 'OPEN', targetType: 'POST', post: post('VISIBLE') });
    expect(actions.filter((a) => a.needsReason).map((a) => a.action)).toEqual(['HIDE', 'REMOVE']);
  });

  it('offers only dismissing for a profile, and closing for a support case', () => {
    expect(caseActions({ kind: 'RULES', status: 'OPEN', targetType: 'USER', post: null })).toEqual([
      { action: 'DISMISS', label: 'Dismiss', needsReason: false },
    ]);
    expect(caseActions({ kind: 'SUPPORT', status: 'OPEN', targetType: 'USER', post: null })[0].label).toBe(
      'Close the case',
    );
  });

  it('lets a held private message go out or be removed, and a reported message be removed (never its context)', () => {
    const held = {
      kind: 'PREMODERATION' as const,
      status: 'OPEN' as const,
      targetType: 'MESSAGE',
      post: null,
    };
    expect(caseActions({ ...held, messages: [{ removed: false }] })).toEqual([
      { action: 'APPROVE', label: 'Approve message', needsReason: false },
      { action: 'REMOVE', label: 'Remove message', needsReason: true },
    ]);
    expect(caseActions({ ...held, messages: [{ removed: true }] }).map((a) => a.action)).toEqual(['DISMISS']);
    expect(
      caseActions({
        kind: 'CRISIS',
        status: 'OPEN',
        targetType: 'MESSAGE',
        post: null,
        messages: [{ removed: false }],
      }),
    ).toEqual([{ action: 'DISMISS', label: 'Close the case', needsReason: false }]);
    expect(
      caseActions({
        kind: 'RULES',
        status: 'OPEN',
        targetType: 'CONVERSATION',
        post: null,
        messages: [{ removed: false }, { removed: false, reported: true }],
      }),
    ).toEqual([
      { action: 'DISMISS', label: 'Dismiss (nothing to act on)', needsReason: false },
      { action: 'REMOVE', label: 'Remove the reported message', needsReason: true },
    ]);
    const removed = {
      kind: 'RULES' as const,
      status: 'OPEN' as const,
      targetType: 'CONVERSATION',
      post: null,
    };
    expect(
      caseActions({
        ...removed,
        messages: [
          { removed: true, reported: true },
          { removed: true, reported: true },
        ],
      }).map((a) => a.label),
    ).toEqual(['Restore the messages', 'Dismiss']);
    // A support report on a conversation only closes.
    expect(
      caseActions({ ...removed, kind: 'SUPPORT', messages: [{ removed: false, reported: true }] }),
    ).toEqual([{ action: 'DISMISS', label: 'Close the case', needsReason: false }]);
  });

  it('offers nothing on a closed case', () => {
    expect(
      caseActions({ kind: 'RULES', status: 'RESOLVED', targetType: 'POST', post: post('REMOVED') }),
    ).toEqual([]);
  });
});

describe('flag reasons', () => {
  it('keeps "may need support" apart from the rule reasons', () => {
    expect(RULE_REASONS.map((r) => r.value)).not.toContain('SUPPORT');
    expect(SUPPORT_REASON.label).toBe(
      'This person may need support (a moderator will check in; nothing is hidden)',
    );
  });
});
