import type { DeepPages } from './figures/deep-pages.js';
import type { FanOut } from './figures/fan-out.js';
import type { GraphqlOverhead } from './figures/graphql-overhead.js';
import type { Search } from './figures/search.js';
import type { Statements } from './figures/statements.js';
import type { Web } from './figures/web.js';
import type { LoadResult } from './load.js';
import type { Scale } from './scales.js';

export interface Figures {
  graphqlOverhead?: GraphqlOverhead;
  statements?: Statements;
  deepPages?: DeepPages;
  search?: Search;
  fanOut?: FanOut;
  load?: LoadResult;
  web?: Web;
}

export type FigureName = keyof Figures;

export const FIGURE_NAMES: FigureName[] = [
  'graphqlOverhead',
  'statements',
  'deepPages',
  'search',
  'fanOut',
  'load',
  'web',
];

export interface Row {
  figure: number;
  name: FigureName;
  title: string;
  measured: string;
  reference: string;
  ratio: string;
  target: string;
  pass: boolean | null;
  /** Why there is no measurement (the figure failed). */
  error?: string;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
const rps = (v: number) => `${Math.round(v).toLocaleString('en')} req/s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const x = (v: number) => `${v.toFixed(2)}×`;
const n = (v: number) => v.toLocaleString('en');
/** A load run counts only when requests completed and none failed. */
const clean = (r: LoadResult) => r.requests > 0 && r.errors === 0;

/** One table row per figure, each target checked. */
export function rows(figures: Figures, scale: Scale, errors: Partial<Record<FigureName, string>>): Row[] {
  const out: Row[] = [];
  const add = (
    figure: number,
    name: FigureName,
    title: string,
    build: () => Omit<Row, 'figure' | 'name' | 'title'>,
  ) => {
    if (errors[name] || !figures[name]) {
      out.push({
        figure,
        name,
        title,
        measured: '—',
        reference: '—',
        ratio: '—',
        target: '',
        pass: null,
        error: errors[name] ?? 'not run',
      });
    } else {
      out.push({ figure, name, title, ...build() });
    }
  };

  add(1, 'graphqlOverhead', 'GraphQL overhead: thread page, 50 posts, 10 connections', () => {
    const f = figures.graphqlOverhead!;
    return {
      measured: `api ${rps(f.api.rps)}, p50 ${ms(f.api.p50Ms)}, p99 ${ms(f.api.p99Ms)}`,
      reference: `bare ${rps(f.bare.rps)}, p50 ${ms(f.bare.p50Ms)}, p99 ${ms(f.bare.p99Ms)}${f.sameJson ? ', same JSON' : ', JSON DIFFERS'}`,
      ratio: `req/s ${x(f.throughputRatio)}, p99 ${x(f.p99Ratio)}`,
      target: 'req/s ≥ 0.6×, p99 ≤ 2×',
      pass: f.throughputRatio >= 0.6 && f.p99Ratio <= 2 && f.sameJson && clean(f.api) && clean(f.bare),
    };
  });
  add(2, 'statements', 'SQL statements per thread page', () => {
    const f = figures.statements!;
    return {
      measured: `${f.at10} at 10 posts, ${f.at50} at 50 posts`,
      reference:
        f.bareMatchesApi && f.bareSearchMatchesApi
          ? 'bare references send the same statements'
          : 'bare references DIFFER',
      ratio: f.at10 === f.at50 ? 'equal' : `${f.at50 - f.at10} more at 50`,
      target: 'equal, ≤ 4',
      pass: f.at10 === f.at50 && f.at50 <= 4,
    };
  });
  add(3, 'deepPages', `Deep page: last page of the ${n(scale.deepReplies)}-reply thread`, () => {
    const f = figures.deepPages!;
    return {
      measured: `last p50 ${ms(f.last.p50Ms)}, p99 ${ms(f.last.p99Ms)}`,
      reference: `first p50 ${ms(f.first.p50Ms)}, p99 ${ms(f.first.p99Ms)}`,
      ratio: `p50 ${x(f.p50Ratio)}`,
      target: 'p50 ≤ 1.2×',
      pass: f.p50Ratio <= 1.2 && clean(f.first) && clean(f.last),
    };
  });
  add(4, 'search', `Search: ${n(scale.searches)} queries over ${n(scale.posts)} posts`, () => {
    const f = figures.search!;
    return {
      measured: `api p50 ${ms(f.api.p50Ms)}, p95 ${ms(f.api.p95Ms)}`,
      reference: `bare p50 ${ms(f.bare.p50Ms)}, p95 ${ms(f.bare.p95Ms)}`,
      ratio: `p95 ${x(f.p95Ratio)}`,
      target: `p95 ≤ ${scale.searchP95TargetMs} ms, ≤ 1.5×`,
      pass: f.api.p95Ms <= scale.searchP95TargetMs && f.p95Ratio <= 1.5,
    };
  });
  add(5, 'fanOut', `Fan-out: a reply to ${n(scale.watchers)} watchers`, () => {
    const f = figures.fanOut!;
    return {
      measured: `${ms(f.fanOutMs)} (${n(Math.round((f.watchers / f.fanOutMs) * 1000))}/s)`,
      reference: `BullMQ floor ${ms(f.floorMs)} (${n(Math.round((f.watchers / f.floorMs) * 1000))} jobs/s, concurrency ${f.concurrency})`,
      ratio: `throughput ${x(f.ratio)}`,
      target: '≥ 0.5× floor',
      pass: f.ratio >= 0.5,
    };
  });
  add(6, 'load', 'Load: thread page, 50 connections', () => {
    const f = figures.load!;
    return {
      measured: `${rps(f.rps)}, p50 ${ms(f.p50Ms)}, p99 ${ms(f.p99Ms)}, ${n(f.errors)} errors`,
      reference: `${n(f.requests)} requests in ${Math.round(f.seconds)} s`,
      ratio: '—',
      target: 'p99 ≤ 250 ms, 0 errors',
      pass: f.p99Ms <= 250 && clean(f),
    };
  });
  add(7, 'web', 'Web: server-rendered thread page, 10 connections', () => {
    const f = figures.web!;
    return {
      measured: `${rps(f.page.rps)}, p99 ${ms(f.page.p99Ms)}, ${n(f.page.errors)} errors; JS ${kb(f.js.gzipBytes)} gzip`,
      reference: `${f.js.files} JS files, ${kb(f.js.bytes)} uncompressed`,
      ratio: '—',
      target: 'JS ≤ 60 KB gzip',
      pass: f.js.gzipBytes <= 60 * 1024 && clean(f.page),
    };
  });
  return out;
}

export function markdown(table: Row[]): string {
  const mark = (r: Row) => (r.error ? '⚠️ failed' : r.pass ? '✅ pass' : '❌ miss');
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '| # | Figure | Kinship | Reference | Ratio | Target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...table.map(
      (r) =>
        `| ${r.figure} | ${escape(r.title)} | ${escape(r.error ? r.error.split('\n')[0].slice(0, 120) : r.measured)} | ${escape(r.reference)} | ${escape(r.ratio)} | ${escape(r.target)} | ${mark(r)} |`,
    ),
  ];
  return lines.join('\n');
}
