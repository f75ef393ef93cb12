/** How thread pages are cut and linked. */
export const POSTS_PER_PAGE = 20;

/** The first position of the page that holds `position` (1, 21, 41, ...). */
export function pageStart(position: number): number {
  return Math.floor((Math.max(1, position) - 1) / POSTS_PER_PAGE) * POSTS_PER_PAGE + 1;
}

/** A link to one post, on the page that holds it, scrolled to its anchor. */
export function postHref(threadId: string, position: number): string {
  return `/threads/${threadId}?at=${pageStart(position)}#post-${position}`;
}

/** A short plain-text excerpt of a Markdown body, for the quote above a reply. */
export function excerpt(markdown: string, max = 200): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(>|#{1,6}|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

/** A link that opens the thread at one post (the post first on the page), as search results use. */
export function postAtHref(threadId: string, position: number): string {
  return `/threads/${threadId}?at=${position}#post-${position}`;
}

/** The draft key the api files a reply under. */
export function replyDraftKey(threadId: string): string {
  return `thread:${threadId.toLowerCase()}`;
}

export const NEW_THREAD_DRAFT_KEY = 'new-thread';

/**
 * The api builds search passages from the Markdown source, so `**bold**` arrives with its stars.
 * Drops the commonest emphasis and code marks. The passage is already escaped HTML whose only
 * tags are <mark> and </mark>, and none of these characters can form or break a tag.
 */
export function tidySnippet(html: string): string {
  return html.replace(/\*\*|__|~~|`+/g, '');
}
