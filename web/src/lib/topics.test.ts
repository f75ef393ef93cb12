import { describe, expect, it } from 'vitest';
import { topicList } from './topics';

describe('topicList', () => {
  it('names topics in plain words', () => {
    expect(topicList([])).toBe('');
    expect(topicList(['RELAPSE'])).toBe('returning to use');
    expect(topicList(['ALCOHOL', 'RELAPSE'])).toBe('alcohol and returning to use');
    expect(topicList(['ALCOHOL', 'GAMBLING', 'SELF_HARM'])).toBe('alcohol, gambling and self-harm');
  });
});
