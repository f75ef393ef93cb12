import { SAFETY_PLAN_STEPS, type SafetyPlanStep } from '@kinship/shared';

/** A plan as the api sends it (SafetyPlanFields). */
export type PlanLike = { [K in SafetyPlanStep]: readonly string[] } & { updatedAt?: string | null };

export interface PlanSection {
  key: SafetyPlanStep;
  /** "Step 3" for the six Stanley-Brown steps; null for "My reasons". */
  step: number | null;
  title: string;
  prompt: string;
  items: readonly string[];
}

/** The plan's sections in their order: the six steps, then "My reasons". */
export function planSections(plan: PlanLike): PlanSection[] {
  return SAFETY_PLAN_STEPS.map((s, i) => ({
    key: s.key,
    step: s.key === 'reasons' ? null : i + 1,
    title: s.title,
    prompt: s.prompt,
    items: plan[s.key],
  }));
}

/** The member has written a plan of their own (saved at least once, with something in it). */
export function hasOwnPlan(plan: PlanLike | null | undefined): plan is PlanLike {
  if (!plan?.updatedAt) return false;
  return SAFETY_PLAN_STEPS.some((s) => plan[s.key].length > 0);
}

/** The plan as plain text, for "Download as text" (and a print-free copy on a phone). */
export function planText(plan: PlanLike): string {
  const lines = ['My plan for hard moments', ''];
  for (const section of planSections(plan)) {
    lines.push(section.step ? `${section.step}. ${section.title}` : section.title);
    if (section.items.length === 0) lines.push('   (nothing yet)');
    for (const item of section.items) lines.push(` - ${item}`);
    lines.push('');
  }
  lines.push('If you are in danger right now, call 911 or call or text 988.');
  return `${lines.join('\n')}\n`;
}

/** What the page says after "Reach out" (the action redirects back with `?reachOut=`). */
export function reachOutNotice(params: URLSearchParams): { kind: 'sent' | 'problem'; text: string } | null {
  switch (params.get('reachOut')) {
    case 'sent':
      return {
        kind: 'sent',
        text: 'Your people have been told you would like to talk. They will reach out when they can. If you need someone right now, the crisis lines are open day and night.',
      };
    case 'wait': {
      const minutes = Number(params.get('minutes'));
      const when =
        Number.isInteger(minutes) && minutes > 0 && minutes <= 10
          ? `${minutes} minute${minutes === 1 ? '' : 's'}`
          : 'a few minutes';
      return {
        kind: 'problem',
        text: `Your people were told a few minutes ago. You can reach out again in ${when}. If you need someone right now, the crisis lines are open day and night.`,
      };
    }
    case 'nopeople':
      return {
        kind: 'problem',
        text: 'Choose your people first: ask someone you trust on My people. Once they accept, Reach out tells them at once. The crisis lines are there for you right now.',
      };
    case null:
    default:
      return null;
  }
}
