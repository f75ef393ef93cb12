/** How much data a run seeds, and how long each load test runs, per `--scale`. */
export interface Scale {
  name: ScaleName;
  /** Members who write the posts. */
  members: number;
  threads: number;
  /** All posts, opening posts included. */
  posts: number;
  /** Replies in the one deep thread (it holds deepReplies + 1 posts). */
  deepReplies: number;
  /** Watchers of the fan-out thread; the same number of no-op jobs make BullMQ's floor. */
  watchers: number;
  /** Full-text queries in figure 4. */
  searches: number;
  /** autocannon durations, in seconds. */
  seconds: { warmup: number; compare: number; load: number; web: number };
  /** Search p95 target in ms (the issue sets 50 ms for medium). */
  searchP95TargetMs: number;
}

export const SCALE_NAMES = ['tiny', 'small', 'medium', 'large'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

const FULL_SECONDS = { warmup: 3, compare: 10, load: 20, web: 10 };

export const SCALES: Record<ScaleName, Scale> = {
  // The smoke test's size: every figure, in well under a minute.
  tiny: {
    name: 'tiny',
    members: 60,
    threads: 120,
    posts: 2_000,
    deepReplies: 400,
    watchers: 500,
    searches: 40,
    seconds: { warmup: 1, compare: 1, load: 2, web: 1 },
    searchP95TargetMs: 50,
  },
  small: {
    name: 'small',
    members: 1_000,
    threads: 4_000,
    posts: 60_000,
    deepReplies: 10_000,
    watchers: 10_000,
    searches: 200,
    seconds: FULL_SECONDS,
    searchP95TargetMs: 50,
  },
  medium: {
    name: 'medium',
    members: 5_000,
    threads: 20_000,
    posts: 300_000,
    deepReplies: 50_000,
    watchers: 10_000,
    searches: 200,
    seconds: FULL_SECONDS,
    searchP95TargetMs: 50,
  },
  large: {
    name: 'large',
    members: 20_000,
    threads: 60_000,
    posts: 1_000_000,
    deepReplies: 50_000,
    watchers: 10_000,
    searches: 200,
    seconds: FULL_SECONDS,
    searchP95TargetMs: 50,
  },
};

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value);
}
