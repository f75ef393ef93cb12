import { describe, expect, it } from 'vitest';
import { defaultProfessionals } from '@kinship/shared';
import { hasOwnPlan, planSections, planText, reachOutNotice, type PlanLike } from './safety-plan';

const empty: PlanLike = {
  warningSigns: [],
  copingStrategies: [],
  distractions: [],
  helpers: [],
  professionals: [],
  safeEnvironment: [],
  reasons: [],
  updatedAt: null,
};

describe('the plan on the web', () => {
  it('lists the six steps, numbered, then my reasons', () => {
    const sections = planSections(empty);
    expect(sections.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, null]);
    expect(sections.at(-1)?.title).toBe('My reasons');
  });

  it('a plan never saved (only the crisis lines pre-filled) is not yet the member’s own', () => {
    expect(hasOwnPlan({ ...empty, professionals: defaultProfessionals() })).toBe(false);
    expect(hasOwnPlan({ ...empty, updatedAt: '2026-12-01T10:00:00Z' })).toBe(false);
    expect(hasOwnPlan({ ...empty, reasons: ['My kids'], updatedAt: '2026-12-01T10:00:00Z' })).toBe(true);
    expect(hasOwnPlan(null)).toBe(false);
  });

  it('the text download holds every step and item', () => {
    const text = planText({ ...empty, warningSigns: ['Skipping meals'], reasons: ['My kids'] });
    expect(text).toContain('1. My warning signs\n - Skipping meals');
    expect(text).toContain('2. Things I can do on my own\n   (nothing yet)');
    expect(text).toContain('My reasons\n - My kids');
    expect(text).toContain('call or text 988');
  });

  it('says what happened after Reach out, and nothing for an unknown value', () => {
    expect(reachOutNotice(new URLSearchParams('reachOut=sent'))?.kind).toBe('sent');
    expect(reachOutNotice(new URLSearchParams('reachOut=wait&minutes=7'))?.text).toContain('in 7 minutes');
    expect(reachOutNotice(new URLSearchParams('reachOut=wait&minutes=<b>'))?.text).toContain(
      'in a few minutes',
    );
    expect(reachOutNotice(new URLSearchParams('reachOut=nopeople'))?.text).toMatch(
      /Choose your people first/,
    );
    expect(reachOutNotice(new URLSearchParams('reachOut=other'))).toBeNull();
    expect(reachOutNotice(new URLSearchParams())).toBeNull();
  });
});
