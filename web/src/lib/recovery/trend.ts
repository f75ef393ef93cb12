/**
 * The member's trend on `/milestones/trend`: the geometry the two server-rendered SVG charts draw
 * (TrendChart, RecoveryCapitalChart) and the plain sentences that say the same thing in words.
 * Pure functions only, so the server and the tests get the same answer.
 *
 * Words, on purpose: calm and factual, never shaming. A day without a check-in is simply a gap,
 * never "missed"; nothing here counts streaks.
 *
 * Thresholds (kept here so the sentences and the tests agree):
 * - "This week" is the last 7 days of the range (today and the 6 days before), "last week" the 7
 *   days before those.
 * - A week needs at least MIN_CHECK_INS_TO_COMPARE check-ins with that measure to be compared;
 *   otherwise the sentence says there are not enough check-ins to compare.
 * - Averages that differ by SAME_WITHIN (0.3, on the measure's own scale) or less are "about the
 *   same"; a bigger difference is "higher"/"lower" (for sleep: "better"/"less restful").
 */

/** One local day of the range, oldest first; null where there was no check-in (or no answer). */
export interface TrendDay {
  /** YYYY-MM-DD, the member's local day. */
  day: string;
  /** 1-5 */
  mood: number | null;
  /** 0-4 */
  cravings: number | null;
  /** 1-5, how well I slept */
  sleep: number | null;
}

/** One monthly BARC-10 check. */
export interface RecoveryCapitalPoint {
  /** YYYY-MM, the member's local month. */
  month: string;
  /** BARC-10 total, 10-60. */
  total: number;
}

export type MeasureKey = 'mood' | 'cravings' | 'sleep';
export type MarkerShape = 'circle' | 'square' | 'triangle';

export interface Measure {
  key: MeasureKey;
  label: string;
  min: number;
  max: number;
  /** What the low and high ends mean, in words, for the legend. */
  lowWord: string;
  highWord: string;
  shape: MarkerShape;
  /** Shape name for the legend ("circles"). */
  shapeWord: string;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash: string;
  /** Line style for the legend ("solid line"). */
  lineWord: string;
}

/** Each series differs in shape and line style as well as colour, so none relies on colour. */
export const TREND_MEASURES: readonly Measure[] = [
  {
    key: 'mood',
    label: 'Mood',
    min: 1,
    max: 5,
    lowWord: '1 low',
    highWord: '5 good',
    shape: 'circle',
    shapeWord: 'circles',
    dash: '',
    lineWord: 'solid line',
  },
  {
    key: 'cravings',
    label: 'Cravings',
    min: 0,
    max: 4,
    lowWord: '0 none',
    highWord: '4 strong',
    shape: 'square',
    shapeWord: 'squares',
    dash: '7 4',
    lineWord: 'dashed line',
  },
  {
    key: 'sleep',
    label: 'Sleep',
    min: 1,
    max: 5,
    lowWord: '1 poorly',
    highWord: '5 well',
    shape: 'triangle',
    shapeWord: 'triangles',
    dash: '2 3',
    lineWord: 'dotted line',
  },
];

export const WEEK = 7;
export const MIN_CHECK_INS_TO_COMPARE = 2;
export const SAME_WITHIN = 0.3;
/** At most this many labelled dates under the 30- or 90-day chart. */
export const MAX_DATE_LABELS = 8;
/** The recovery-capital chart shows at most this many months (the latest ones). */
export const MAX_CAPITAL_MONTHS = 12;
export const CAPITAL_MIN = 10;
export const CAPITAL_MAX = 60;

export interface ChartLayout {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** Font size of the axis labels, in viewBox units (about px on a 390 px phone). */
  fontSize: number;
}

/**
 * Sized for a phone: a 390 px screen leaves about 358 px for the chart, so one viewBox unit is
 * about one CSS pixel there; on a desktop the SVG scales up to its max-width.
 */
export const TREND_LAYOUT: ChartLayout = {
  width: 360,
  height: 210,
  top: 12,
  right: 14,
  bottom: 30,
  left: 40,
  fontSize: 12,
};

export const CAPITAL_LAYOUT: ChartLayout = {
  width: 360,
  height: 200,
  top: 22,
  right: 10,
  bottom: 30,
  left: 30,
  fontSize: 12,
};

export interface Point {
  x: number;
  y: number;
}

/** Linear map of `value` from [d0, d1] to [r0, r1]; the middle of the range when d0 === d1. */
export function scaleLinear(value: number, d0: number, d1: number, r0: number, r1: number): number {
  if (d1 === d0) return (r0 + r1) / 2;
  return r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** Rounded to 2 decimals, so paths stay short and tests stable. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function plotWidth(layout: ChartLayout): number {
  return layout.width - layout.left - layout.right;
}

export function plotHeight(layout: ChartLayout): number {
  return layout.height - layout.top - layout.bottom;
}

/** x of day `index` of `count`, the first day at the plot's left edge and the last at its right. */
export function dayX(index: number, count: number, layout: ChartLayout = TREND_LAYOUT): number {
  return round2(scaleLinear(index, 0, Math.max(count - 1, 0), layout.left, layout.left + plotWidth(layout)));
}

/** y of a measure's value: its lowest value at the bottom of the plot, its highest at the top. */
export function measureY(measure: Measure, value: number, layout: ChartLayout = TREND_LAYOUT): number {
  const clamped = Math.min(measure.max, Math.max(measure.min, value));
  return round2(scaleLinear(clamped, measure.min, measure.max, layout.top + plotHeight(layout), layout.top));
}

/**
 * Runs of consecutive days that have a value. A day without one ends the run, so the line is
 * never drawn across a gap.
 */
export function seriesSegments(
  values: readonly (number | null)[],
  at: (value: number, index: number) => Point,
): Point[][] {
  const segments: Point[][] = [];
  let current: Point[] = [];
  values.forEach((value, index) => {
    if (value == null) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    current.push(at(value, index));
  });
  if (current.length) segments.push(current);
  return segments;
}

/** One path `d` with a move-to for each segment; a lone day draws no line (its marker shows it). */
export function segmentsPath(segments: readonly Point[][]): string {
  return segments
    .filter((segment) => segment.length > 1)
    .map((segment) => segment.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '))
    .join(' ');
}

/** A marker centred on (x, y) with "radius" r: circle, square or triangle, as a path. */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  const n = (v: number) => round2(v);
  switch (shape) {
    case 'circle':
      return `M${n(x - r)} ${n(y)} a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0 a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0 Z`;
    case 'square': {
      const s = r * 0.9;
      return `M${n(x - s)} ${n(y - s)} H${n(x + s)} V${n(y + s)} H${n(x - s)} Z`;
    }
    case 'triangle': {
      const h = r * 1.15;
      return `M${n(x)} ${n(y - h)} L${n(x + h)} ${n(y + h * 0.8)} L${n(x - h)} ${n(y + h * 0.8)} Z`;
    }
  }
}

/** Marker size for `count` days: smaller when the days sit close together (90 days on a phone). */
export function markerRadius(count: number, layout: ChartLayout = TREND_LAYOUT): number {
  const spacing = plotWidth(layout) / Math.max(count - 1, 1);
  return round2(Math.min(4, Math.max(2.2, spacing * 0.4)));
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayParts(day: string): { year: number; month: number; date: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
}

function monthParts(month: string): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match) return null;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return { year: Number(match[1]), month: m };
}

/** "Nov 4" for "2026-11-04" (the day as written: no time zone shifts it). */
export function shortDay(day: string): string {
  const parts = dayParts(day);
  if (!parts || parts.month < 1 || parts.month > 12) return day;
  return `${MONTHS_SHORT[parts.month - 1]} ${parts.date}`;
}

/** "November 4, 2026" for "2026-11-04". */
export function longDay(day: string): string {
  const parts = dayParts(day);
  if (!parts || parts.month < 1 || parts.month > 12) return day;
  return `${MONTHS_LONG[parts.month - 1]} ${parts.date}, ${parts.year}`;
}

/** "Nov" for "2026-11"; "Jan 2027" for a January (where the year changes). */
export function shortMonth(month: string): string {
  const parts = monthParts(month);
  if (!parts) return month;
  const name = MONTHS_SHORT[parts.month - 1];
  return parts.month === 1 ? `${name} ${String(parts.year).slice(2).padStart(2, '0')}` : name;
}

/** "November 2026" for "2026-11". */
export function longMonth(month: string): string {
  const parts = monthParts(month);
  if (!parts) return month;
  return `${MONTHS_LONG[parts.month - 1]} ${parts.year}`;
}

/** Roughly how wide a label is, in viewBox units (system sans-serif, digits and short words). */
export function labelWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

export interface DateTick {
  index: number;
  x: number;
  /** The date under the tick; null for an unlabelled week mark between labels. */
  label: string | null;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Week marks counted back from the last day (so "today" always sits on one), plus the first day.
 * The first and last days are always labelled; the week marks between are labelled every
 * `step` weeks so at most MAX_DATE_LABELS labels show, and a label that would touch its
 * neighbour is left off (its mark stays).
 */
export function dateTicks(days: readonly TrendDay[], layout: ChartLayout = TREND_LAYOUT): DateTick[] {
  const count = days.length;
  if (count === 0) return [];
  if (count === 1)
    return [{ index: 0, x: dayX(0, 1, layout), label: shortDay(days[0].day), anchor: 'middle' }];
  const weeks = (count - 1) / WEEK;
  const labelEveryWeeks = Math.max(1, Math.ceil(weeks / (MAX_DATE_LABELS - 1)));
  const step = labelEveryWeeks * WEEK;
  const ticks: DateTick[] = [];
  for (let back = 0; back <= count - 1; back += WEEK) {
    const index = count - 1 - back;
    const labelled = back % step === 0;
    ticks.push({
      index,
      x: dayX(index, count, layout),
      label: labelled ? shortDay(days[index].day) : null,
      anchor: index === count - 1 ? 'end' : 'middle',
    });
  }
  if (ticks[ticks.length - 1].index !== 0) {
    ticks.push({ index: 0, x: dayX(0, count, layout), label: shortDay(days[0].day), anchor: 'start' });
  } else {
    ticks[ticks.length - 1] = { ...ticks[ticks.length - 1], label: shortDay(days[0].day), anchor: 'start' };
  }
  return withoutTouchingLabels(ticks.reverse(), layout.fontSize);
}

/** Labels closer than this (viewBox units) to a neighbour are dropped. */
const LABEL_GAP = 4;

/** Keeps the first and last labels and drops any label between that would touch a kept one. */
function withoutTouchingLabels(ticks: DateTick[], fontSize: number): DateTick[] {
  const last = ticks[ticks.length - 1];
  const lastStart = tickLabelExtent(last, fontSize)[0];
  let keptEnd = tickLabelExtent(ticks[0], fontSize)[1];
  return ticks.map((tick, i) => {
    if (i === 0 || i === ticks.length - 1 || tick.label == null) return tick;
    const [start, end] = tickLabelExtent(tick, fontSize);
    if (start < keptEnd + LABEL_GAP || end > lastStart - LABEL_GAP) return { ...tick, label: null };
    keptEnd = end;
    return tick;
  });
}

/** The [left, right] extent of a tick's label, for checking that labels never overlap. */
export function tickLabelExtent(tick: DateTick, fontSize: number): [number, number] {
  const width = labelWidth(tick.label ?? '', fontSize);
  switch (tick.anchor) {
    case 'start':
      return [tick.x, tick.x + width];
    case 'end':
      return [tick.x - width, tick.x];
    case 'middle':
      return [tick.x - width / 2, tick.x + width / 2];
  }
}

export interface SeriesPoint extends Point {
  day: string;
  value: number;
}

export interface TrendSeries {
  measure: Measure;
  /** The line, split at every day without a value. */
  path: string;
  points: SeriesPoint[];
  /** One marker path per point. */
  markers: string[];
}

/** The three series of the trend chart, laid out for `layout`. */
export function trendSeries(days: readonly TrendDay[], layout: ChartLayout = TREND_LAYOUT): TrendSeries[] {
  const count = days.length;
  const r = markerRadius(count, layout);
  return TREND_MEASURES.map((measure) => {
    const values = days.map((d) => d[measure.key]);
    const segments = seriesSegments(values, (value, index) => ({
      x: dayX(index, count, layout),
      y: measureY(measure, value, layout),
    }));
    const points: SeriesPoint[] = [];
    values.forEach((value, index) => {
      if (value == null) return;
      points.push({
        x: dayX(index, count, layout),
        y: measureY(measure, value, layout),
        day: days[index].day,
        value,
      });
    });
    return {
      measure,
      path: segmentsPath(segments),
      points,
      markers: points.map((p) => markerPath(measure.shape, p.x, p.y, r)),
    };
  });
}

/** True when at least one day of the range has any check-in. */
export function hasAnyCheckIn(days: readonly TrendDay[]): boolean {
  return days.some((d) => d.mood != null || d.cravings != null || d.sleep != null);
}

/** The mean of the values that are there, or null when none are. */
export function average(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v != null);
  if (present.length === 0) return null;
  return present.reduce((sum, v) => sum + v, 0) / present.length;
}

function oneDecimal(value: number): string {
  return value.toFixed(1);
}

type Direction = 'up' | 'down';

/** The sentence for a measure that moved, in calm words. */
function changedSentence(key: MeasureKey, direction: Direction, thisWeek: string, lastWeek: string): string {
  const numbers =
    direction === 'up'
      ? `(average ${thisWeek}, up from ${lastWeek})`
      : `(average ${thisWeek}, down from ${lastWeek})`;
  switch (key) {
    case 'mood':
      return `Mood was ${direction === 'up' ? 'higher' : 'lower'} this week than last week ${numbers}.`;
    case 'cravings':
      return `Cravings were ${direction === 'up' ? 'higher' : 'lower'} this week than last week ${numbers}.`;
    case 'sleep':
      return direction === 'up'
        ? `Sleep was better this week than last week ${numbers}.`
        : `Sleep was less restful this week than last week ${numbers}.`;
  }
}

function sameSentence(key: MeasureKey, thisWeek: string): string {
  const verb = key === 'cravings' ? 'were' : 'was';
  const label = TREND_MEASURES.find((m) => m.key === key)?.label ?? key;
  return `${label} ${verb} about the same as last week (average ${thisWeek}).`;
}

/**
 * One short sentence per measure (mood, cravings, sleep) comparing the last 7 days of `days`
 * with the 7 before, e.g. "Cravings were lower this week than last week (average 1.3, down
 * from 2.6)." or "Sleep: not enough check-ins last week to compare."
 */
export function trendSummary(days: readonly TrendDay[]): string[] {
  const thisWeek = days.slice(-WEEK);
  const lastWeek = days.slice(-2 * WEEK, -WEEK);
  return TREND_MEASURES.map((measure) => {
    const nowValues = thisWeek.map((d) => d[measure.key]).filter((v): v is number => v != null);
    const beforeValues = lastWeek.map((d) => d[measure.key]).filter((v): v is number => v != null);
    const nowEnough = nowValues.length >= MIN_CHECK_INS_TO_COMPARE;
    const beforeEnough = beforeValues.length >= MIN_CHECK_INS_TO_COMPARE;
    if (!nowEnough && !beforeEnough) return `${measure.label}: not enough check-ins yet to compare weeks.`;
    if (!nowEnough) return `${measure.label}: not enough check-ins this week to compare.`;
    if (!beforeEnough) return `${measure.label}: not enough check-ins last week to compare.`;
    const now = average(nowValues) as number;
    const before = average(beforeValues) as number;
    const difference = now - before;
    // The epsilon keeps a difference of exactly 0.3 (as floating point computes it) "about the same".
    if (Math.abs(difference) <= SAME_WITHIN + 1e-9) return sameSentence(measure.key, oneDecimal(now));
    return changedSentence(measure.key, difference > 0 ? 'up' : 'down', oneDecimal(now), oneDecimal(before));
  });
}

/** The months from `from` to `to` inclusive, "YYYY-MM". */
function monthsBetween(from: string, to: string): string[] {
  const a = monthParts(from);
  const b = monthParts(to);
  if (!a || !b) return [];
  const months: string[] = [];
  let year = a.year;
  let month = a.month;
  while (year < b.year || (year === b.year && month <= b.month)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The points oldest first, one per month (the later in the list wins), valid months only. */
export function sortedCapital(points: readonly RecoveryCapitalPoint[]): RecoveryCapitalPoint[] {
  const byMonth = new Map<string, number>();
  for (const p of points) {
    const parts = monthParts(p.month);
    if (!parts) continue;
    byMonth.set(`${parts.year}-${String(parts.month).padStart(2, '0')}`, p.total);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, total]) => ({ month, total }));
}

export interface CapitalSlot {
  month: string;
  total: number | null;
}

/**
 * Every month from the first check to the latest (at most the latest MAX_CAPITAL_MONTHS), with
 * null for a month without a check, so the bars keep calendar spacing.
 */
export function capitalSlots(
  points: readonly RecoveryCapitalPoint[],
  max = MAX_CAPITAL_MONTHS,
): CapitalSlot[] {
  const sorted = sortedCapital(points);
  if (sorted.length === 0) return [];
  const totals = new Map(sorted.map((p) => [p.month, p.total]));
  const months = monthsBetween(sorted[0].month, sorted[sorted.length - 1].month).slice(-max);
  return months.map((month) => ({ month, total: totals.get(month) ?? null }));
}

export interface CapitalBar {
  month: string;
  label: string;
  total: number | null;
  /** The slot's centre. */
  cx: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** y of a BARC-10 total: 10 at the bottom of the plot, 60 at the top. */
export function capitalY(total: number, layout: ChartLayout = CAPITAL_LAYOUT): number {
  const clamped = Math.min(CAPITAL_MAX, Math.max(CAPITAL_MIN, total));
  return round2(scaleLinear(clamped, CAPITAL_MIN, CAPITAL_MAX, layout.top + plotHeight(layout), layout.top));
}

/** One bar per month slot, rising from the lowest possible total (10). */
export function capitalBars(
  points: readonly RecoveryCapitalPoint[],
  layout: ChartLayout = CAPITAL_LAYOUT,
): CapitalBar[] {
  const slots = capitalSlots(points);
  const slotWidth = plotWidth(layout) / Math.max(slots.length, 1);
  const width = round2(Math.min(40, slotWidth * 0.6));
  const bottom = layout.top + plotHeight(layout);
  return slots.map((slot, i) => {
    const cx = round2(layout.left + slotWidth * (i + 0.5));
    const y = slot.total == null ? bottom : capitalY(slot.total, layout);
    return {
      month: slot.month,
      label: shortMonth(slot.month),
      total: slot.total,
      cx,
      x: round2(cx - width / 2),
      y,
      width,
      height: round2(bottom - y),
    };
  });
}

function previousMonth(month: string): string {
  const parts = monthParts(month);
  if (!parts) return '';
  const m = parts.month === 1 ? 12 : parts.month - 1;
  const y = parts.month === 1 ? parts.year - 1 : parts.year;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * "Your latest recovery capital score is 42 of 60, up 4 from last month." Compared with the check
 * before it, named by month when that was not the month just before.
 */
export function capitalSummary(points: readonly RecoveryCapitalPoint[]): string {
  const sorted = sortedCapital(points);
  if (sorted.length === 0) {
    return 'No monthly recovery capital checks yet. Your scores will show here after your first one.';
  }
  const latest = sorted[sorted.length - 1];
  const opening = `Your latest recovery capital score is ${latest.total} of 60`;
  if (sorted.length === 1) return `${opening} (${longMonth(latest.month)}).`;
  const before = sorted[sorted.length - 2];
  const when = before.month === previousMonth(latest.month) ? 'last month' : longMonth(before.month);
  const change = latest.total - before.total;
  if (change === 0) return `${opening}, the same as ${when}.`;
  return `${opening}, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)} from ${when}.`;
}
