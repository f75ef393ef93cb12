import { describe, expect, it } from 'vitest';
import { fieldLabel, hasLoneSurrogate, stripInvisibleFormatting } from './validators';

describe('stripInvisibleFormatting', () => {
  it('removes bidi embeddings, overrides and isolates, and the direction marks', () => {
    expect(stripInvisibleFormatting('Hello\u202Egnp.exe')).toBe('Hellognp.exe');
    expect(stripInvisibleFormatting('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Ca')).toBe('a');
  });

  it('removes zero-width spaces, word joiners, the byte-order mark and stray joiners', () => {
    expect(stripInvisibleFormatting('S\u200Ba\u2060m\uFEFF \u200DM\u200C')).toBe('Sam M');
  });

  it('keeps ZWJ inside emoji sequences (also after a skin tone or variation selector)', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const rainbowFlag = '\u{1F3F3}\uFE0F\u200D\u{1F308}';
    const womanTechnologist = '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}';
    expect(stripInvisibleFormatting(`${family} ${rainbowFlag} ${womanTechnologist}`)).toBe(`${family} ${rainbowFlag} ${womanTechnologist}`);
    expect(stripInvisibleFormatting('\u{1F468}\u200Dx')).toBe('\u{1F468}x');
  });

  it('keeps ZWNJ between letters, where Persian and Indic scripts need it', () => {
    const persian = '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645';
    expect(stripInvisibleFormatting(persian)).toBe(persian);
    expect(stripInvisibleFormatting('a\u200C ')).toBe('a ');
  });
});

describe('hasLoneSurrogate', () => {
  it('finds half a surrogate pair anywhere, high or low', () => {
    for (const text of ['\uD800', 'a\uDBFFb', '\uDC00', 'end \uDFFF', '\uDE00\uD83D']) expect(hasLoneSurrogate(text), JSON.stringify(text)).toBe(true);
  });

  it('passes whole pairs (emoji, astral scripts) and ordinary text', () => {
    for (const text of ['', 'Hello', '\u{1F33F} day', '\uD83C\uDF3F', '\u{1F468}\u200D\u{1F469}', '\u{20BB7}']) expect(hasLoneSurrogate(text)).toBe(false);
  });
});

describe('fieldLabel', () => {
  it('names a field as a sentence starts', () => {
    expect(fieldLabel('title')).toBe('Title');
    expect(fieldLabel('contentWarning')).toBe('Content warning');
  });
});
