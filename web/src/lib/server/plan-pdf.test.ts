// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { planPdf } from './plan-pdf';

const steps = [
  'warningSigns',
  'copingStrategies',
  'distractions',
  'helpers',
  'professionals',
  'safeEnvironment',
  'reasons',
] as const;

describe('the plan as a PDF', () => {
  it('is one page for a well-filled plan (six items of 90 characters in every step)', async () => {
    const long = Array.from({ length: 6 }, (_, i) => `${i} `.padEnd(90, 'word '));
    const plan = { ...Object.fromEntries(steps.map((k) => [k, long])), updatedAt: null } as Record<
      (typeof steps)[number],
      string[]
    > & {
      updatedAt: null;
    };
    const pdf = await planPdf(plan);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('keeps every word of a plan at the limits (12 items of 200 characters each step), on as few pages as it takes', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `${i} `.padEnd(200, 'word '));
    const plan = { ...Object.fromEntries(steps.map((k) => [k, long])), updatedAt: null } as Record<
      (typeof steps)[number],
      string[]
    > & {
      updatedAt: null;
    };
    const pages = (await planPdf(plan)).toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(3);
  });

  it('a short plan is one page too', async () => {
    const plan = {
      ...Object.fromEntries(steps.map((k) => [k, [] as string[]])),
      reasons: ['My kids'],
      updatedAt: null,
    } as Record<(typeof steps)[number], string[]> & { updatedAt: null };
    const pdf = await planPdf(plan);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});
