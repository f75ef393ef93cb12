import { describe, expect, it } from 'vitest';
import { collapseReason, parseTopics, topicList, topicNames } from './topics';

describe('topicList', () => {
  it('names topics in plain words', () => {
    expect(topicList([])).toBe('');
    expect(topicList(['RELAPSE'])).toBe('returning to use');
    expect(topicList(['ALCOHOL', 'RELAPSE'])).toBe('alcohol and returning to use');
    expect(topicList(['ALCOHOL', 'GAMBLING', 'SELF_HARM'])).toBe('alcohol, gambling and self-harm');
  });
});

describe('topicNames', () => {
  it('capitalises only the first name', () => {
    expect(topicNames(['ALCOHOL'])).toBe('Alcohol');
    expect(topicNames(['RELAPSE', 'GAMBLING'])).toBe('Returning to use and gambling');
  });
});

describe('parseTopics', () => {
  it('keeps known topics once, in order', () => {
    expect(parseTopics(['GAMBLING', 'nonsense', 'ALCOHOL', 'GAMBLING'])).toEqual(['ALCOHOL', 'GAMBLING']);
    expect(parseTopics([])).toEqual([]);
  });
});

describe('collapseReason', () => {
  it("uses the author's warning", () => {
    expect(collapseReason('mentions a hard night.', [], [])).toBe('Content warning: mentions a hard night.');
  });

  it('names only the topics the viewer chose to hide', () => {
    expect(collapseReason(null, ['ALCOHOL', 'GAMBLING'], ['ALCOHOL'])).toBe(
      'Contains a topic you chose to hide: Alcohol.',
    );
    expect(collapseReason(null, ['ALCOHOL', 'GAMBLING'], ['GAMBLING', 'ALCOHOL'])).toBe(
      'Contains topics you chose to hide: Alcohol and gambling.',
    );
  });

  it('gives both reasons when there are two', () => {
    expect(collapseReason('loss', ['RELAPSE'], ['RELAPSE'])).toBe(
      'Content warning: loss. Contains a topic you chose to hide: Returning to use.',
    );
  });
});
