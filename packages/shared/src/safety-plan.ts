import { SAFETY_RESOURCES, type SafetyResource } from './safety.js';

/**
 * The member's plan for hard moments: the six steps of the Stanley-Brown safety-planning
 * intervention, plus "my reasons". Each step is a short list the member writes.
 */
export const SAFETY_PLAN_STEPS = [
  {
    key: 'warningSigns',
    title: 'My warning signs',
    prompt: 'Thoughts, feelings, situations or behaviour that tell me a hard moment may be coming.',
  },
  {
    key: 'copingStrategies',
    title: 'Things I can do on my own',
    prompt: 'What takes my mind off it without anyone else: a walk, music, a shower, breathing.',
  },
  {
    key: 'distractions',
    title: 'People and places that take my mind off it',
    prompt: 'Where I can go and whom I can be around (a café, a meeting, a friend’s kitchen).',
  },
  {
    key: 'helpers',
    title: 'People I can ask for help',
    prompt: 'People I can call and tell how I am doing, with their numbers.',
  },
  {
    key: 'professionals',
    title: 'Professionals and services',
    prompt: 'My counselor, sponsor or program team, and the crisis lines, day and night.',
  },
  {
    key: 'safeEnvironment',
    title: 'Making my surroundings safer',
    prompt: 'What I can remove, lock away or avoid when things are hard.',
  },
  {
    key: 'reasons',
    title: 'My reasons',
    prompt: 'What I am staying in recovery for.',
  },
] as const;

export type SafetyPlanStep = (typeof SAFETY_PLAN_STEPS)[number]['key'];

export const SAFETY_PLAN_STEP_KEYS: readonly SafetyPlanStep[] = SAFETY_PLAN_STEPS.map((s) => s.key);

/** How long each step's list may be, and each item. */
export const SAFETY_PLAN_LIMITS = { itemsPerStep: 12, itemMax: 200 } as const;

/** "My people": at most this many, pending requests included. */
export const SUPPORT_PEOPLE_MAX = 5;

/** One "Reach out" per member per this many minutes. */
export const REACH_OUT_INTERVAL_MINUTES = 10;

/** A crisis line as one line of a plan: "988 Suicide and Crisis Lifeline: call or text 988". */
export function safetyResourceLine(resource: SafetyResource): string {
  const ways: string[] = [];
  if (resource.phone && resource.text === resource.phone) ways.push(`call or text ${resource.phone}`);
  else {
    if (resource.phone) ways.push(`call ${resource.phone}`);
    if (resource.text) ways.push(`text ${resource.text}`);
  }
  return ways.length > 0 ? `${resource.name}: ${ways.join(', ')}` : resource.name;
}

/** What "Professionals and services" holds before the member first saves their plan. */
export function defaultProfessionals(): string[] {
  return SAFETY_RESOURCES.map(safetyResourceLine);
}

/**
 * One step's list from a textarea of one item per line: trimmed, blank lines dropped. Length
 * and count rules are checked by the api (so a too-long line is reported, not cut).
 */
export function planItemsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
