import { describe, expect, it } from 'vitest';
import { excerpt, pageStart, postHref } from './threads';

describe('thread paging', () => {
  it('finds the page a post sits on', () => {
    expect(pageStart(1)).toBe(1);
    expect(pageStart(20)).toBe(1);
    expect(pageStart(21)).toBe(21);
    expect(pageStart(45)).toBe(41);
  });

  it('links to a post on its page, at its anchor', () => {
    expect(postHref('t1', 23)).toBe('/threads/t1?at=21#post-23');
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
