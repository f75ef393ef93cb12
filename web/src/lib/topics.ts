import type { SensitiveTopic } from '@kinship/graphql';

/** How sensitive topics are named to members: plain, person-first words. */
export const TOPIC_LABELS: Record<SensitiveTopic, string> = {
  ALCOHOL: 'alcohol',
  OPIOIDS: 'opioids',
  STIMULANTS: 'stimulants',
  GAMBLING: 'gambling',
  SELF_HARM: 'self-harm',
  RELAPSE: 'returning to use',
};

/** "alcohol and returning to use", "alcohol, gambling and self-harm". */
export function topicList(topics: readonly SensitiveTopic[]): string {
  const words = topics.map((t) => TOPIC_LABELS[t]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
