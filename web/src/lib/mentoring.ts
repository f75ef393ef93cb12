/**
 * Mentoring's words and small rules for the pages: what a pairing's state and a check-in answer
 * are called, how a mentor's room and a pairing's topics read, and which topics and capacity a
 * form may send. Pure functions: the same answer on server and browser.
 */
import type { PairingCheckIn, PairingStatus } from '@kinship/graphql';
import { LIMITS } from '@kinship/shared';

export const MENTORING_PATH = '/mentoring';
export const STAFF_MENTORING_PATH = '/moderation/mentoring';

/** A mentor takes 1 to 3 mentees at once (the api's rule). */
export const CAPACITIES = [1, 2, 3] as const;

export const ABOUT_MAX = LIMITS.mentorAboutMax;
export const NOTE_MAX = LIMITS.mentorNoteMax;
export const TOPIC_LABEL_MAX = LIMITS.mentorTopicLabelMax;

/** The three one-tap answers to "how is mentoring going?", in the order they are offered. */
export const CHECK_IN_ANSWERS: readonly { value: PairingCheckIn; label: string }[] = [
  { value: 'GOING_WELL', label: 'Going well' },
  { value: 'COULD_BE_BETTER', label: 'Could be better' },
  { value: 'END_IT', label: "I'd like to end it" },
];

export const CHECK_IN_NAMES: Record<PairingCheckIn, string> = {
  GOING_WELL: 'Going well',
  COULD_BE_BETTER: 'Could be better',
  END_IT: "I'd like to end it",
};

export function isCheckInAnswer(value: string): value is PairingCheckIn {
  return Object.hasOwn(CHECK_IN_NAMES, value);
}

/** A pairing's state in the staff list. */
export const STATUS_NAMES: Record<PairingStatus, string> = {
  REQUESTED: 'Waiting for an answer',
  ACTIVE: 'Active',
  DECLINED: 'Mentor not available',
  ENDED: 'Ended',
};

/** The staff list's filters, in order: all first. */
export const STATUS_FILTERS: readonly { value: PairingStatus | null; label: string }[] = [
  { value: null, label: 'All' },
  { value: 'REQUESTED', label: 'Waiting' },
  { value: 'ACTIVE', label: 'Active' },
  { value: 'ENDED', label: 'Ended' },
  { value: 'DECLINED', label: 'Not available' },
];

export function isPairingStatus(value: string): value is PairingStatus {
  return Object.hasOwn(STATUS_NAMES, value);
}

/** "Has room for 1 more mentee", "Has room for 2 more mentees". */
export function roomText(freeSlots: number): string {
  const n = Math.max(0, freeSlots);
  return `Has room for ${n} more ${n === 1 ? 'mentee' : 'mentees'}`;
}

/** "Mentoring 1 of 3", for a mentor's own offer and the staff list. */
export function capacityText(active: number, capacity: number): string {
  return `Mentoring ${active} of ${capacity}`;
}

/** "Returning to work", "Returning to work and Parenting", "A, B and C". */
export function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * The labels of a mentor's topics that the newcomer chose, in the mentor's order; the rest follow
 * separately, so a card can say what they share first.
 */
export function topicsInCommon(
  topics: readonly { id: string; label: string }[],
  chosen: readonly string[],
): { shared: string[]; others: string[] } {
  const wanted = new Set(chosen);
  return {
    shared: topics.filter((t) => wanted.has(t.id)).map((t) => t.label),
    others: topics.filter((t) => !wanted.has(t.id)).map((t) => t.label),
  };
}

/** The chosen topic ids a form sent that name a known topic, each once, in the list's order. */
export function chosenTopics(sent: readonly string[], known: readonly { id: string }[]): string[] {
  const picked = new Set(sent);
  return known.filter((t) => picked.has(t.id)).map((t) => t.id);
}

/** A capacity from a form ("1" to "3"), or null. */
export function parseCapacity(raw: string): number | null {
  return /^\s*[1-3]\s*$/.test(raw) ? Number(raw) : null;
}

/**
 * The topics an offer form shows: every topic still offered, and any archived one the offer
 * already names (so saving again does not quietly drop it), marked as no longer offered.
 */
export function offerTopics(
  current: readonly { id: string; label: string }[],
  onProfile: readonly { id: string; label: string; archived: boolean }[],
): { id: string; label: string; archived: boolean }[] {
  const listed = new Set(current.map((t) => t.id));
  return [
    ...current.map((t) => ({ id: t.id, label: t.label, archived: false })),
    ...onProfile.filter((t) => !listed.has(t.id)).map((t) => ({ ...t, archived: true })),
  ];
}

/** A query string for the suggestions: the topics chosen, and that the member asked to see mentors. */
export function suggestionsQuery(topicIds: readonly string[]): string {
  const search = new URLSearchParams([['find', '1'], ...topicIds.map((id) => ['topic', id])]);
  return `?${search.toString()}`;
}

/**
 * For staff pairing directly: members whose latest request found no mentor (declined) and who
 * have nothing open now, from the pairings newest first, each once.
 */
export function waitingMentees(
  pairings: readonly { status: PairingStatus; mentee: { id: string; displayName: string } }[],
): { id: string; displayName: string }[] {
  const seen = new Set<string>();
  const waiting: { id: string; displayName: string }[] = [];
  const open = new Set(
    pairings.filter((p) => p.status === 'REQUESTED' || p.status === 'ACTIVE').map((p) => p.mentee.id),
  );
  for (const p of pairings) {
    if (seen.has(p.mentee.id)) continue;
    seen.add(p.mentee.id);
    if (p.status === 'DECLINED' && !open.has(p.mentee.id)) waiting.push(p.mentee);
  }
  return waiting;
}

/** Approved mentors taking mentees with a free place: who staff can pair someone with now. */
export function mentorsWithRoom<T extends { available: boolean; activeMentees: number; capacity: number }>(
  mentors: readonly T[],
): T[] {
  return mentors.filter((m) => m.available && m.activeMentees < m.capacity);
}
