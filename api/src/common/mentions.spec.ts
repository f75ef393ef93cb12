import { describe, expect, it } from 'vitest';
import { mentionCandidates, mentionPattern } from './mentions';

describe('mentionCandidates', () => {
  it('offers every word-edge prefix after each @, lower-cased', () => {
    expect(mentionCandidates('thanks @Jess T, see you')).toEqual(['jess', 'jess t']);
  });

  it('ignores email addresses and a lone @', () => {
    expect(mentionCandidates('write to river@example.org or @ me')).toEqual([]);
  });

  it('finds several mentions', () => {
    const candidates = mentionCandidates('@River and @Sam M: hello');
    expect(candidates).toContain('river');
    expect(candidates).toContain('sam');
    expect(candidates).toContain('sam m');
  });
});

describe('mentionPattern', () => {
  it('prefers the longest name and respects word edges', () => {
    const pattern = mentionPattern(['Jess', 'Jess T'])!;
    expect([...'hi @jess t!'.matchAll(pattern)].map((m) => m[1])).toEqual(['jess t']);
    expect([...'hi @Jessica'.matchAll(pattern)]).toEqual([]);
    expect([...'mail jess@x.org'.matchAll(pattern)]).toEqual([]);
  });

  it('escapes names with regex characters', () => {
    const pattern = mentionPattern(['Lena K.'])!;
    expect([...'@Lena K. said'.matchAll(pattern)].map((m) => m[1])).toEqual(['Lena K.']);
    expect([...'@Lena Kx said'.matchAll(pattern)]).toEqual([]);
  });

  it('is null without names', () => {
    expect(mentionPattern([])).toBeNull();
  });
});
