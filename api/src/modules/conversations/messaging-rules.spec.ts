import { describe, expect, it } from 'vitest';
import { reachFor, ReachFacts } from './messaging-rules';

const member: ReachFacts = {
  senderIsStaff: false,
  recipientIsStaff: false,
  related: false,
  blocked: false,
  recipientRefusesRequests: false,
  senderIsNew: false,
  recipientGone: false,
};

describe('who may write to whom', () => {
  it('a member writing to a stranger sends a request', () => {
    expect(reachFor(member)).toEqual({ kind: 'REQUEST' });
  });

  it('staff, mentors, support people and accepted contacts write directly', () => {
    expect(reachFor({ ...member, senderIsStaff: true })).toEqual({ kind: 'DIRECT' });
    expect(reachFor({ ...member, related: true })).toEqual({ kind: 'DIRECT' });
    // Anyone, a new member included, may write to staff.
    expect(reachFor({ ...member, recipientIsStaff: true, senderIsNew: true })).toEqual({ kind: 'DIRECT' });
    // Related people are reached even when requests are off, and by a new member.
    expect(reachFor({ ...member, related: true, recipientRefusesRequests: true, senderIsNew: true })).toEqual({ kind: 'DIRECT' });
    expect(reachFor({ ...member, senderIsStaff: true, recipientRefusesRequests: true })).toEqual({ kind: 'DIRECT' });
  });

  it('requests off and the first week refuse requests', () => {
    expect(reachFor({ ...member, recipientRefusesRequests: true })).toEqual({ kind: 'REFUSED', reason: 'REQUESTS_OFF' });
    expect(reachFor({ ...member, senderIsNew: true })).toEqual({ kind: 'REFUSED', reason: 'NEW_MEMBER' });
  });

  it('a block refuses everyone, staff and related people included, as an unknown member', () => {
    for (const facts of [member, { ...member, senderIsStaff: true }, { ...member, recipientIsStaff: true }, { ...member, related: true }]) {
      expect(reachFor({ ...facts, blocked: true })).toEqual({ kind: 'REFUSED', reason: 'UNKNOWN' });
    }
    expect(reachFor({ ...member, senderIsStaff: true, recipientGone: true })).toEqual({ kind: 'REFUSED', reason: 'UNKNOWN' });
  });
});
