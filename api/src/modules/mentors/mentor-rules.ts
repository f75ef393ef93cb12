import { addMonths } from '@kinship/shared';

/** A member with this many months since their recovery start offers to mentor without waiting for staff. */
export const MENTOR_MONTHS = 12;

/** A member asks for a mentor in this many months after their recovery start (or, with no date, after joining). */
export const NEWCOMER_MONTHS = 6;

/** A mentor takes 1 to 3 mentees at once. */
export const MENTOR_CAPACITY_MAX = 3;

/** How many topics one profile or request may name. */
export const MENTOR_TOPICS_MAX = 20;

/** How many mentors a newcomer is shown at once. */
export const SUGGESTIONS_MAX = 10;

/** What decides who may offer and who may ask: local dates (YYYY-MM-DD) in the member's time zone. */
export interface EligibilityFacts {
  /** The member's private recovery start date, if they recorded one. */
  recoveryStart: string | null;
  /** The day they joined Kinship. */
  joinedOn: string;
  today: string;
}

/** A year or more since the recovery start date: their offer to mentor is approved at once. */
export function offersWithoutApproval(facts: EligibilityFacts): boolean {
  return facts.recoveryStart !== null && addMonths(facts.recoveryStart, MENTOR_MONTHS) <= facts.today;
}

export interface AskEligibility {
  canAsk: boolean;
  /** Why not, in words for the member; null when they can ask. */
  reason: string | null;
}

const PAST_FIRST_MONTHS =
  'Asking for a mentor is for members in their first 6 months of recovery. If you would like one, staff can pair you directly, and you could offer to mentor someone yourself.';

const PAST_FIRST_MONTHS_IN_KINSHIP =
  'Asking for a mentor is for members in their first 6 months in Kinship (or since their recovery start date, if you add one in My recovery). Staff can also pair you directly.';

/**
 * A newcomer may ask for a mentor: within 6 months of their recovery start date, or, with no date
 * recorded, within 6 months of joining. A recent date (after returning to use) opens it again.
 */
export function askEligibility(facts: EligibilityFacts): AskEligibility {
  if (facts.recoveryStart !== null) {
    return facts.today < addMonths(facts.recoveryStart, NEWCOMER_MONTHS)
      ? { canAsk: true, reason: null }
      : { canAsk: false, reason: PAST_FIRST_MONTHS };
  }
  return facts.today < addMonths(facts.joinedOn, NEWCOMER_MONTHS)
    ? { canAsk: true, reason: null }
    : { canAsk: false, reason: PAST_FIRST_MONTHS_IN_KINSHIP };
}

/** A pairing's side for a member: which of its check-in answers is theirs. */
export function sideOf(
  pairing: { mentorId: string; menteeId: string },
  userId: string,
): 'MENTOR' | 'MENTEE' | null {
  if (pairing.mentorId === userId) return 'MENTOR';
  if (pairing.menteeId === userId) return 'MENTEE';
  return null;
}
