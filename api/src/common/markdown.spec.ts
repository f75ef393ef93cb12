import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**90 days** today\n\n- walk\n- call my sponsor')).toBe(
      '<p><strong>90 days</strong> today</p>\n<ul>\n<li>walk</li>\n<li>call my sponsor</li>\n</ul>',
    );
  });

  it('marks every link nofollow ugc noopener', () => {
    expect(renderMarkdown('[meeting](https://example.org/m)')).toBe(
      '<p><a href="https://example.org/m" rel="nofollow ugc noopener">meeting</a></p>',
    );
    expect(renderMarkdown('see https://example.org')).toContain('rel="nofollow ugc noopener"');
  });

  it('drops raw HTML, scripts and event handlers', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)> hi');
    // Shown as the text the member typed, never as markup.
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; hi</p>');
  });

  it('refuses javascript: and data: links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[x](data:text/html;base64,PHNjcmlwdD4=)')).not.toContain('href');
    expect(renderMarkdown('[x](JaVaScRiPt:alert(1))')).not.toContain('href');
  });

  it('keeps headings below the page title', () => {
    expect(renderMarkdown('# Big')).toBe('<h3>Big</h3>');
  });

  it('drops images', () => {
    expect(renderMarkdown('![alt](https://example.org/a.png)')).not.toContain('<img');
  });
});
