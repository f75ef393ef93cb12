/**
 * Who may write to whom: the pure decision, given what the database said about the two. The
 * service gathers the facts in one statement (messaging-access.sql in conversations.service.ts).
 */

/** What is known of one sender and one would-be recipient. */
export interface ReachFacts {
  /** Moderators and admins may message anyone. */
  senderIsStaff: boolean;
  /** Anyone may write to staff (a moderator or admin) directly: they are there to help. */
  recipientIsStaff: boolean;
  /** Mentor and mentee (an ACTIVE pairing), support person and member (ACTIVE), or an accepted request. */
  related: boolean;
  /** A block either way: nothing passes, and it reads like an unknown member. */
  blocked: boolean;
  /** The recipient has turned message requests off. */
  recipientRefusesRequests: boolean;
  /** The sender joined in the last 7 days: they cannot start requests yet. */
  senderIsNew: boolean;
  /** The recipient's account is deleted or missing. */
  recipientGone: boolean;
}

export type Reach =
  | { kind: 'DIRECT' }
  | { kind: 'REQUEST' }
  | { kind: 'REFUSED'; reason: 'UNKNOWN' | 'REQUESTS_OFF' | 'NEW_MEMBER' };

export function reachFor(facts: ReachFacts): Reach {
  // A block is never lifted by a role: staff across a block read as an unknown member too.
  if (facts.recipientGone || facts.blocked) return { kind: 'REFUSED', reason: 'UNKNOWN' };
  if (facts.senderIsStaff || facts.recipientIsStaff || facts.related) return { kind: 'DIRECT' };
  if (facts.recipientRefusesRequests) return { kind: 'REFUSED', reason: 'REQUESTS_OFF' };
  if (facts.senderIsNew) return { kind: 'REFUSED', reason: 'NEW_MEMBER' };
  return { kind: 'REQUEST' };
}

/** What the sender reads when a recipient cannot be reached (never why, beyond what is theirs to know). */
export function refusalMessage(reason: 'UNKNOWN' | 'REQUESTS_OFF' | 'NEW_MEMBER', name: string): string {
  switch (reason) {
    case 'UNKNOWN':
      return `We couldn't start a conversation with ${name}. Check the name, or choose someone else.`;
    case 'REQUESTS_OFF':
      return `${name} isn't taking message requests. You can still reply to them in the forum.`;
    case 'NEW_MEMBER':
      return 'In your first 7 days you can message staff, your mentor and your support people. Message requests to other members open after that.';
  }
}

/** The most people in one conversation, the sender included. */
export const CONVERSATION_MAX_PEOPLE = 6;
