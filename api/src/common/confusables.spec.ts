import { describe, expect, it } from 'vitest';
import { displayNameKey } from './confusables';

describe('displayNameKey', () => {
  it('gives look-alike names one key', () => {
    for (const [a, b] of [
      ['Sam M', 'Sam \u041C'], // Cyrillic capital Em
      ['Alex Staff', 'AIex Staff'], // capital I for l
      ['river', 'r\u0456ver'], // Cyrillic i
      ['Paul', 'P\u0430ul'], // Cyrillic a
      ['Kim', 'Kirn'],
      ['Sam M', 'SAM M'],
      ['Sam M', 'Sam_M'],
      ['Sam M', 'SamM'],
      ['Jo', '\uFF2A\uFF4F'], // fullwidth
      ['Sam M', 'Sam\u3164M'], // Hangul filler, shown as a blank
      ['Sam M', 'Sa\u00ADm M'], // soft hyphen
    ]) {
      expect(displayNameKey(b), `${a} / ${b}`).toBe(displayNameKey(a));
    }
  });

  it('keeps different names apart, accents included', () => {
    for (const [a, b] of [
      ['Sam M', 'Sam N'],
      ['Jos\u00E9', 'Jose'],
      ['Zo\u00EB', 'Zoe'],
      ['River', 'Rivers'],
      ['Dana', 'Diana'],
    ]) {
      expect(displayNameKey(b), `${a} / ${b}`).not.toBe(displayNameKey(a));
    }
  });
});
