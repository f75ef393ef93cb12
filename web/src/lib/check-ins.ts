/** Words and small rules for the check-in pages (My recovery). No streaks, nothing "missed". */

export interface Choice {
  value: number;
  label: string;
}

export const MOOD_CHOICES: readonly Choice[] = [
  { value: 1, label: 'Very low' },
  { value: 2, label: 'Low' },
  { value: 3, label: 'Okay' },
  { value: 4, label: 'Good' },
  { value: 5, label: 'Very good' },
];

export const CRAVING_CHOICES: readonly Choice[] = [
  { value: 0, label: 'None' },
  { value: 1, label: 'Mild' },
  { value: 2, label: 'Moderate' },
  { value: 3, label: 'Strong' },
  { value: 4, label: 'Very strong' },
];

export const SLEEP_CHOICES: readonly Choice[] = [
  { value: 1, label: 'Very poorly' },
  { value: 2, label: 'Poorly' },
  { value: 3, label: 'Okay' },
  { value: 4, label: 'Well' },
  { value: 5, label: 'Very well' },
];

/** The longest "what helped" / "what was hard" answer (the api's limit too). */
export const CHECK_IN_TEXT_MAX = 280;
/** Today and this many days before it can be filled in. */
export const BACKFILL_DAYS = 7;

/**
 * The ten BARC-10 statements, in order (Vilsaint et al. 2017). Each is answered on the
 * six-point agreement scale below; the total runs from 10 to 60.
 */
export const BARC_ITEMS: readonly string[] = [
  'There are more important things to me in life than using substances.',
  'In general, I am happy with my life.',
  'I have enough energy to complete the tasks I set for myself.',
  'I am proud of the community I live in and feel part of it.',
  'I get lots of support from friends.',
  'I regard my life as challenging and fulfilling without the need for using drugs or alcohol.',
  'My living space has helped to drive my recovery journey.',
  'I take full responsibility for my actions.',
  'I am happy dealing with a range of professional people.',
  'I am making good progress on my recovery journey.',
];

export const BARC_SCALE: readonly Choice[] = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Somewhat disagree' },
  { value: 4, label: 'Somewhat agree' },
  { value: 5, label: 'Agree' },
  { value: 6, label: 'Strongly agree' },
];

export const BARC_SOURCE =
  'Vilsaint, C. L., Kelly, J. F., Bergman, B. G., Groshkova, T., Best, D., & White, W. (2017). Development and validation of a Brief Assessment of Recovery Capital (BARC-10) for alcohol and drug use disorder. Drug and Alcohol Dependence, 177, 71-76.';

export function labelOf(choices: readonly Choice[], value: number | null | undefined): string {
  return choices.find((c) => c.value === value)?.label ?? '';
}

/** A YYYY-MM-DD day moved by `days` (no time-zone shift). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today and the BACKFILL_DAYS days before it, newest first. */
export function fillableDays(today: string): string[] {
  return Array.from({ length: BACKFILL_DAYS + 1 }, (_, i) => shiftDay(today, -i));
}

export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return shiftDay(value, 0) === value;
}

/** "Today", "Yesterday", or "Mon, Nov 30". */
export function dayLabel(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === shiftDay(today, -1)) return 'Yesterday';
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export interface CheckInLike {
  mood: number;
  cravings: number;
  sleep?: number | null;
  helped?: string | null;
  hard?: string | null;
}

/** The editable copy offered when sharing a check-in: plain words, nothing the member did not write or choose. */
export function shareText(c: CheckInLike): string {
  const lines = [
    `Mood: ${labelOf(MOOD_CHOICES, c.mood)}. Cravings: ${labelOf(CRAVING_CHOICES, c.cravings).toLowerCase()}.` +
      (c.sleep ? ` Slept ${labelOf(SLEEP_CHOICES, c.sleep).toLowerCase()}.` : ''),
  ];
  if (c.helped) lines.push(`What helped: ${c.helped}`);
  if (c.hard) lines.push(`What was hard: ${c.hard}`);
  return lines.join('\n\n');
}

/** A whole number from a form field within [min, max], or null. */
export function choiceValue(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}
