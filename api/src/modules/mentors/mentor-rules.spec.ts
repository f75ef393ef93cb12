import { describe, expect, it } from 'vitest';
import { askEligibility, offersWithoutApproval, sideOf } from './mentor-rules';

const facts = (recoveryStart: string | null, joinedOn: string, today: string) => ({
  recoveryStart,
  joinedOn,
  today,
});

describe('who may offer to mentor without waiting for staff', () => {
  it('a year or more since the recovery start date, counted in calendar days', () => {
    expect(offersWithoutApproval(facts('2024-03-10', '2026-01-01', '2025-03-10'))).toBe(true);
    expect(offersWithoutApproval(facts('2024-03-10', '2026-01-01', '2025-03-09'))).toBe(false);
    expect(offersWithoutApproval(facts('2020-01-01', '2026-01-01', '2026-01-02'))).toBe(true);
  });

  it('a leap day start reaches its year on the last day of February', () => {
    expect(offersWithoutApproval(facts('2024-02-29', '2024-03-01', '2025-02-27'))).toBe(false);
    expect(offersWithoutApproval(facts('2024-02-29', '2024-03-01', '2025-02-28'))).toBe(true);
  });

  it('without a recovery start date, however long a member has been here, an offer waits for staff', () => {
    expect(offersWithoutApproval(facts(null, '2015-01-01', '2026-01-01'))).toBe(false);
  });
});

describe('who may ask for a mentor', () => {
  it('within 6 months of the recovery start date, and not on the day 6 months are reached', () => {
    expect(askEligibility(facts('2026-01-15', '2020-01-01', '2026-07-14'))).toEqual({
      canAsk: true,
      reason: null,
    });
    const past = askEligibility(facts('2026-01-15', '2020-01-01', '2026-07-15'));
    expect(past.canAsk).toBe(false);
    expect(past.reason).toMatch(/first 6 months/);
  });

  it('a recent recovery start date opens it again, however long ago the member joined', () => {
    expect(askEligibility(facts('2026-05-01', '2019-06-01', '2026-06-01')).canAsk).toBe(true);
  });

  it('with no date: within 6 months of joining', () => {
    expect(askEligibility(facts(null, '2026-01-31', '2026-07-30')).canAsk).toBe(true);
    const past = askEligibility(facts(null, '2026-01-31', '2026-07-31'));
    expect(past).toMatchObject({ canAsk: false });
    expect(past.reason).toMatch(/first 6 months in Kinship/);
  });

  it('a long-standing date never lets a newcomer to Kinship ask: the date decides', () => {
    expect(askEligibility(facts('2020-01-01', '2026-06-01', '2026-06-02')).canAsk).toBe(false);
  });

  it('the reasons never carry a date', () => {
    for (const f of [
      facts('2020-01-01', '2026-06-01', '2026-06-02'),
      facts(null, '2020-01-01', '2026-06-02'),
    ]) {
      expect(askEligibility(f).reason).not.toMatch(/\d{4}|\d+ days/);
    }
  });
});

describe('a side of a pairing', () => {
  it('is the mentor, the mentee, or nobody', () => {
    const p = { mentorId: 'a', menteeId: 'b' };
    expect([sideOf(p, 'a'), sideOf(p, 'b'), sideOf(p, 'c')]).toEqual(['MENTOR', 'MENTEE', null]);
  });
});
