/** @mentions: which names a body might mention, and how many a post may carry. */

export const MAX_MENTIONS_PER_POST = 10;

const MENTION_START = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N} ._-]{0,39})/gu;

/**
 * Display names may hold spaces ("Jess T"), so `@Jess T thanks` could mean "Jess" or "Jess T".
 * This returns every prefix of each `@...` run that ends at a word edge, lower-cased; the caller
 * looks them up and keeps the longest real name at each `@`.
 */
export function mentionCandidates(body: string): string[] {
  const candidates = new Set<string>();
  for (const match of body.matchAll(MENTION_START)) {
    const run = match[1];
    for (let end = 1; end <= run.length; end++) {
      const next = run[end];
      if (end === run.length || !/[\p{L}\p{N}]/u.test(next)) {
        const name = run.slice(0, end).trimEnd();
        if (name.length >= 2) candidates.add(name.toLowerCase());
      }
    }
  }
  return [...candidates];
}

/**
 * A regular expression matching `@name` for any of the given names (longest first, any case),
 * not inside a longer word. Null when there are no names.
 */
export function mentionPattern(names: string[]): RegExp | null {
  if (names.length === 0) return null;
  const alternatives = [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_.@])@(${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
}

