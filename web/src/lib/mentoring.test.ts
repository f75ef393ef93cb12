import { describe, expect, it } from 'vitest';
import {
  capacityText,
  chosenTopics,
  isCheckInAnswer,
  isPairingStatus,
  listLabels,
  mentorsWithRoom,
  offerTopics,
  parseCapacity,
  roomText,
  suggestionsQuery,
  topicsInCommon,
  waitingMentees,
} from './mentoring';

const work = { id: 't-work', label: 'Returning to work' };
const parents = { id: 't-parents', label: 'Parenting in recovery' };
const anxiety = { id: 't-anxiety', label: 'Anxiety or depression' };

describe('mentoring words', () => {
  it('says how much room a mentor has, in one or many', () => {
    expect(roomText(1)).toBe('Has room for 1 more mentee');
    expect(roomText(2)).toBe('Has room for 2 more mentees');
    expect(roomText(-1)).toBe('Has room for 0 more mentees');
    expect(capacityText(1, 3)).toBe('Mentoring 1 of 3');
  });

  it('lists labels as a sentence', () => {
    expect(listLabels([])).toBe('');
    expect(listLabels(['A'])).toBe('A');
    expect(listLabels(['A', 'B'])).toBe('A and B');
    expect(listLabels(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('knows the check-in answers and pairing states, and nothing else', () => {
    expect(isCheckInAnswer('GOING_WELL')).toBe(true);
    expect(isCheckInAnswer('END_IT')).toBe(true);
    expect(isCheckInAnswer('MEH')).toBe(false);
    expect(isCheckInAnswer('toString')).toBe(false);
    expect(isPairingStatus('constructor')).toBe(false);
    expect(isPairingStatus('ACTIVE')).toBe(true);
    expect(isPairingStatus('active')).toBe(false);
  });
});

describe('topics', () => {
  it('puts the topics a mentor shares with the newcomer first, the rest after', () => {
    expect(topicsInCommon([work, parents, anxiety], ['t-anxiety', 't-work'])).toEqual({
      shared: ['Returning to work', 'Anxiety or depression'],
      others: ['Parenting in recovery'],
    });
    expect(topicsInCommon([work], [])).toEqual({ shared: [], others: ['Returning to work'] });
  });

  it('keeps only known topics a form sent, each once, in the list order', () => {
    expect(chosenTopics(['t-anxiety', 'nope', 't-work', 't-work'], [work, parents, anxiety])).toEqual([
      't-work',
      't-anxiety',
    ]);
  });

  it('offers every current topic and keeps archived ones already on the offer, marked', () => {
    expect(
      offerTopics(
        [work],
        [
          { ...parents, archived: true },
          { ...work, archived: false },
        ],
      ),
    ).toEqual([
      { ...work, archived: false },
      { ...parents, archived: true },
    ]);
  });

  it('builds the suggestions query the find form sends', () => {
    expect(suggestionsQuery(['a', 'b'])).toBe('?find=1&topic=a&topic=b');
    expect(suggestionsQuery([])).toBe('?find=1');
  });
});

describe('capacity', () => {
  it('accepts 1 to 3 only', () => {
    expect(parseCapacity('1')).toBe(1);
    expect(parseCapacity(' 3 ')).toBe(3);
    expect(parseCapacity('0')).toBeNull();
    expect(parseCapacity('4')).toBeNull();
    expect(parseCapacity('2.5')).toBeNull();
    expect(parseCapacity('')).toBeNull();
  });
});

describe('staff pairing directly', () => {
  const person = (id: string) => ({ id, displayName: id.toUpperCase() });

  it('offers members whose latest request found nobody and who have nothing open, each once', () => {
    const pairings = [
      { status: 'DECLINED' as const, mentee: person('ash') },
      { status: 'DECLINED' as const, mentee: person('bea') },
      { status: 'REQUESTED' as const, mentee: person('bea') },
      { status: 'ENDED' as const, mentee: person('cal') },
      { status: 'DECLINED' as const, mentee: person('cal') },
      { status: 'DECLINED' as const, mentee: person('ash') },
    ];
    // Ash: declined twice, nothing open. Bea: a request is open. Cal: latest is a withdrawn or ended one.
    expect(waitingMentees(pairings)).toEqual([person('ash')]);
  });

  it('offers mentors taking mentees with a free place', () => {
    const mentors = [
      { name: 'a', available: true, activeMentees: 1, capacity: 2 },
      { name: 'b', available: true, activeMentees: 2, capacity: 2 },
      { name: 'c', available: false, activeMentees: 0, capacity: 3 },
    ];
    expect(mentorsWithRoom(mentors).map((m) => m.name)).toEqual(['a']);
  });
});
