import { describe, expect, it } from 'vitest';
import { detectCrisis } from './crisis.js';

// Each line must open a crisis case.
const POSITIVE: [string, string][] = [
  ['I want to end it all tonight', 'SUICIDE'],
  ["I'm going to kill myself", 'SUICIDE'],
  ['I can’t stop thinking about killing myself', 'SUICIDE'],
  ['Honestly I feel suicidal again', 'SUICIDE'],
  ['Everyone would be better off without me', 'SUICIDE'],
  ['I just want to die', 'SUICIDE'],
  ['I wish I was dead', 'SUICIDE'],
  ["There's no reason to live anymore", 'SUICIDE'],
  ["I don't want to wake up tomorrow", 'SUICIDE'],
  ['I wrote a suicide note last night', 'SUICIDE'],
  ['Thinking about suicide a lot this week', 'SUICIDE'],
  ['I want to take my own life', 'SUICIDE'],
  ['I cut myself again last night', 'SELF_HARM'],
  ['The urge to self-harm is so strong', 'SELF_HARM'],
  ["I'm going to take all of my pills", 'OVERDOSE'],
  ['Thinking I might overdose on purpose', 'OVERDOSE'],
  ['I want to use so bad right now', 'RELAPSE_DANGER'],
  ["I'm about to relapse tonight", 'RELAPSE_DANGER'],
  ["I'm going to call my dealer", 'RELAPSE_DANGER'],
  ['I just bought a bottle and it is sitting on the table', 'RELAPSE_DANGER'],
  ["I'm not okay. I want to end it all", 'SUICIDE'],
];

// None of these may open a crisis case.
const NEGATIVE = [
  "I'm not suicidal anymore, 90 days clean",
  'I used to want to die every day. Today I went for a run.',
  "I'm not going to hurt myself, I called my sponsor instead",
  'I never want to use again',
  "I don't want to drink, so I'm going to a meeting",
  'The suicide prevention hotline helped my cousin',
  'Does anyone want to use the meeting room on Tuesday?',
  'I want to use this app more often',
  'Killing time before group starts',
  'That workout almost killed me, haha',
  'My counselor helped me stop cutting corners at work',
  'I want to end my shift early and go to the gym',
  'I stopped self-harming two years ago',
  'We talked about overdose prevention and naloxone in class',
  'I am so happy I could die laughing',
  'Six months sober and I feel alive',
  'I no longer want to drink when I feel stressed',
];

describe('detectCrisis', () => {
  it.each(POSITIVE)('opens a crisis case for: %s', (text, category) => {
    const result = detectCrisis(text);
    expect(result.crisis).toBe(true);
    expect(result.categories).toContain(category);
  });

  it.each(NEGATIVE)('stays quiet for: %s', (text) => {
    expect(detectCrisis(text)).toEqual({ crisis: false, categories: [] });
  });

  it('finds the crisis clause in a longer post whose other clause is negated', () => {
    expect(detectCrisis("I'm not suicidal, I'm just tired. But I want to end it all tonight.").crisis).toBe(true);
  });

  it('is not fooled by curly apostrophes or capitals', () => {
    expect(detectCrisis('I’M GOING TO KILL MYSELF').crisis).toBe(true);
    expect(detectCrisis('I’m not suicidal').crisis).toBe(false);
  });
});
