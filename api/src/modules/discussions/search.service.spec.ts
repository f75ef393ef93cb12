import { describe, expect, it } from 'vitest';
import { headlineToHtml } from './search.service';

describe('headlineToHtml', () => {
  it('escapes the text and marks the matches', () => {
    expect(headlineToHtml('a <script> \uE000walk\uE001 & "talk"')).toBe(
      'a &lt;script&gt; <mark>walk</mark> &amp; &quot;talk&quot;',
    );
  });
});
