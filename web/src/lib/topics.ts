import type { SensitiveTopic } from '@kinship/graphql';
import { SENSITIVE_TOPICS } from '@kinship/shared';

/** Every topic, in the order members see them in forms. */
export const TOPICS: readonly SensitiveTopic[] = SENSITIVE_TOPICS;

/** How sensitive topics are named to members inside a sentence: plain, person-first words. */
export const TOPIC_LABELS: Record<SensitiveTopic, string> = {
  ALCOHOL: 'alcohol',
  OPIOIDS: 'opioids',
  STIMULANTS: 'stimulants',
  GAMBLING: 'gambling',
  SELF_HARM: 'self-harm',
  RELAPSE: 'returning to use',
};

/** The same names standing on their own (checkbox labels, the start of a list). */
export const TOPIC_NAMES: Record<SensitiveTopic, string> = {
  ALCOHOL: 'Alcohol',
  OPIOIDS: 'Opioids',
  STIMULANTS: 'Stimulants',
  GAMBLING: 'Gambling',
  SELF_HARM: 'Self-harm',
  RELAPSE: 'Returning to use',
};

function join(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "alcohol and returning to use", "alcohol, gambling and self-harm". */
export function topicList(topics: readonly SensitiveTopic[]): string {
  return join(topics.map((t) => TOPIC_LABELS[t]));
}

/** "Alcohol", "Alcohol and gambling": a list that starts a phrase or follows a colon. */
export function topicNames(topics: readonly SensitiveTopic[]): string {
  const words = topics.map((t, i) => (i === 0 ? TOPIC_NAMES[t] : TOPIC_LABELS[t]));
  return join(words);
}

/** Only the real topic names from a form's values, each once, in the usual order. */
export function parseTopics(raw: readonly string[]): SensitiveTopic[] {
  return TOPICS.filter((topic) => raw.includes(topic));
}

/**
 * Why a post arrives collapsed, in one line for its "show" control: its own warning, and/or the
 * topics it carries that the viewer chose to hide.
 */
export function collapseReason(
  contentWarning: string | null | undefined,
  topics: readonly SensitiveTopic[],
  hiddenTopics: readonly SensitiveTopic[] | null | undefined,
): string {
  const parts: string[] = [];
  const warning = contentWarning?.trim();
  if (warning) parts.push(`Content warning: ${warning.replace(/[.\s]+$/, '')}.`);
  const filtered = topics.filter((t) => hiddenTopics?.includes(t));
  if (filtered.length > 0) {
    parts.push(
      `Contains ${filtered.length === 1 ? 'a topic' : 'topics'} you chose to hide: ${topicNames(filtered)}.`,
    );
  }
  if (parts.length === 0) {
    // Collapsed for a reason the api knows and we could not name (filters changed meanwhile).
    parts.push(
      topics.length > 0
        ? `Contains a topic you chose to hide: ${topicNames(topics)}.`
        : 'This post is shown collapsed.',
    );
  }
  return parts.join(' ');
}
