import { describe, expect, it } from 'vitest';
import { excerpt, pageStart, postAtHref, postHref, replyDraftKey, tidySnippet } from './threads';

describe('thread paging', () => {
  it('finds the page a post sits on', () => {
    expect(pageStart(1)).toBe(1);
    expect(pageStart(20)).toBe(1);
    expect(pageStart(21)).toBe(21);
    expect(pageStart(45)).toBe(41);
  });

  it('links to a post on its page, at its anchor', () => {
    expect(postHref('t1', 23)).toBe('/threads/t1?at=21#post-23');
    expect(postAtHref('t1', 23)).toBe('/threads/t1?at=23#post-23');
  });

  it('files a reply draft under the thread id, in lower case', () => {
    expect(replyDraftKey('6D7A6F3E-4A0E-4C4C-9A51-3C2F7F2F1A01')).toBe(
      'thread:6d7a6f3e-4a0e-4c4c-9a51-3c2f7f2f1a01',
    );
  });
});

describe('excerpt', () => {
  it('strips Markdown and shortens', () => {
    expect(excerpt('> quoted\n**Bold** and [a link](https://example.org)')).toBe('quoted Bold and a link');
    const long = 'word '.repeat(100);
    const short = excerpt(long, 50);
    expect(short.length).toBeLessThanOrEqual(50);
    expect(short.endsWith('…')).toBe(true);
  });
});

describe('tidySnippet', () => {
  it('drops Markdown emphasis marks and keeps the highlighting', () => {
    expect(tidySnippet('helps me. **<mark>Peppermint</mark> tea** and `code` ~~old~~')).toBe(
      'helps me. <mark>Peppermint</mark> tea and code old',
    );
  });
});
