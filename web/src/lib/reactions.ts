import type { ReactionKind } from '@kinship/graphql';
import { REACTION_KINDS } from '@kinship/shared';

/** Support, a hug, or strength: never a bare "like". In the order members see them. */
export const REACTIONS: readonly ReactionKind[] = REACTION_KINDS;

export const REACTION_LABELS: Record<ReactionKind, string> = {
  SUPPORT: 'Support',
  HUG: 'Hug',
  STRENGTH: 'Strength',
};

/** What a screen reader hears after a reaction is given or taken back. */
export function reactionAnnouncement(kind: ReactionKind, given: boolean, authorName: string): string {
  const what = { SUPPORT: 'support', HUG: 'a hug', STRENGTH: 'strength' }[kind];
  return given
    ? `You sent ${what} to ${authorName}.`
    : `You took back your ${REACTION_LABELS[kind].toLowerCase()}.`;
}

export function isReactionKind(value: string): value is ReactionKind {
  return (REACTIONS as readonly string[]).includes(value);
}
