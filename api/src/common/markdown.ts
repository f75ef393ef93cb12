import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { mentionPattern } from './mentions';

/** A member an @mention in this body resolves to. */
export interface MentionTarget {
  id: string;
  displayName: string;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

// Images are never loaded from a post: a remote image would tell its host who read the post and
// from where. `![alt](url)` becomes a plain link to the image instead.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet('src') ?? '');
  const alt = self.renderInlineAsText(token.children ?? [], options, env).trim();
  return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt ? `Image: ${alt}` : 'Image')}</a>`;
};

type CoreState = Parameters<Parameters<typeof md.core.ruler.push>[1]>[0];
type Token = CoreState['tokens'][number];

// Turns `@Display Name` in plain text (not in code, not inside a link) into a link to the profile.
md.core.ruler.push('mentions', (state) => {
  const targets = (state.env as { mentions?: MentionTarget[] }).mentions ?? [];
  const pattern = mentionPattern(targets.map((t) => t.displayName));
  if (!pattern) return;
  const byName = new Map(targets.map((t) => [t.displayName.toLowerCase(), t]));
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let linkDepth = 0;
    const children: Token[] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++;
      if (token.type === 'link_close') linkDepth--;
      if (token.type !== 'text' || linkDepth > 0) {
        children.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(pattern)) {
        const target = byName.get(match[1].toLowerCase());
        if (!target || match.index === undefined) continue;
        if (match.index > last) children.push(textToken(state, token.content.slice(last, match.index)));
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [['href', `/u/${target.id}`]];
        children.push(open, textToken(state, `@${target.displayName}`), new state.Token('link_close', 'a', -1));
        last = match.index + match[0].length;
      }
      children.push(last === 0 ? token : textToken(state, token.content.slice(last)));
    }
    block.children = children.filter((t) => t.type !== 'text' || t.content !== '');
  }
});

function textToken(state: CoreState, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

/** What a member's Markdown may become. Anything else is dropped, its text kept. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Headings inside a post never outrank the page's own.
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow ugc noopener' },
    }),
  },
};

/**
 * Renders a member's Markdown to HTML that is safe to put in a page as is. `mentions` are the
 * members this body's @names resolved to; those become links to their profiles.
 */
export function renderMarkdown(source: string, mentions: MentionTarget[] = []): string {
  return sanitizeHtml(md.render(source, { mentions }), SANITIZE).trim();
}
