import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**90 days** today\n\n- walk\n- call my sponsor')).toBe(
      '<p><strong>90 days</strong> today</p>\n<ul>\n<li>walk</li>\n<li>call my sponsor</li>\n</ul>',
    );
  });

  it('never loads a remote image: it becomes a link a reader can choose to follow', () => {
    const html = renderMarkdown('Look ![a sunrise](https://tracker.example/pixel.png?u=1) and ![](https://x.example/a.png)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<a href="https://tracker.example/pixel.png?u=1" rel="nofollow ugc noopener">Image: a sunrise</a>');
    expect(html).toContain('<a href="https://x.example/a.png" rel="nofollow ugc noopener">Image</a>');
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('href="javascript');
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

describe('renderMarkdown with mentions', () => {
  const river = { id: '11111111-1111-4111-8111-111111111111', displayName: 'River' };
  const jess = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Jess T' };

  it('links resolved @names to profiles, longest name first, keeping the rest of the text', () => {
    expect(renderMarkdown('Thanks @river and @Jess T!', [river, jess])).toBe(
      `<p>Thanks <a href="/u/${river.id}" rel="nofollow ugc noopener">@River</a> and <a href="/u/${jess.id}" rel="nofollow ugc noopener">@Jess T</a>!</p>`,
    );
  });

  it('leaves @names in code and inside links alone, and unknown names as text', () => {
    const html = renderMarkdown('`@River` [@River](https://example.org) @Nobody', [river]);
    expect(html).not.toContain(`/u/${river.id}`);
    expect(html).toContain('@Nobody');
  });

  it.each([
    ['script tag', '<script>alert(1)</script>'],
    ['javascript link', '[x](javascript:alert(1))'],
    ['onerror attribute', '<img src=x onerror=alert(1)>'],
    ['svg', '<svg onload=alert(1)><circle/></svg>'],
    ['data URL', '[x](data:text/html,<script>alert(1)</script>)'],
    ['autolinked javascript', '<javascript:alert(1)>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ])('renders a %s payload inert', (_label, payload) => {
    const html = renderMarkdown(payload, [river]);
    expect(html).not.toMatch(/<(script|img|svg|iframe)|href="(javascript|data):/i);
  });
});
