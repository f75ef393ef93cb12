import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { search as bareSearch, type Run } from '../bare-queries.js';
import { assertNoErrors, fetchText, graphqlRequest, type BenchContext } from '../context.js';
import { percentile, round } from '../load.js';
import { body } from '../operations.js';
import { HEAD_SIZE, VOCABULARY } from '../vocabulary.js';

export interface Search {
  queries: number;
  /** Queries with at least one result (through the bare path). */
  withResults: number;
  api: { p50Ms: number; p95Ms: number };
  bare: { p50Ms: number; p95Ms: number };
  /** api p95 over bare p95. */
  p95Ratio: number;
  /** The slowest queries through the api, for a look with EXPLAIN ANALYZE. */
  slowest: { query: string; apiMs: number; bareMs: number }[];
}

/** A small deterministic PRNG (mulberry32), so every run searches for the same things. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` varied member-style queries over the seeded vocabulary: common, middling, rare and
 * made-up (long-tail) words, two words, a quoted phrase, an OR and an exclusion
 * (websearch_to_tsquery syntax).
 */
export function searchQueries(count: number): string[] {
  const next = random(20_260_101);
  const word = (from: number, to: number) => VOCABULARY[from + Math.floor(next() * (to - from))];
  const common = () => word(0, 30);
  const middling = () => word(30, 120);
  const rare = () => word(120, HEAD_SIZE);
  const madeUp = () => word(HEAD_SIZE, HEAD_SIZE + 1_000);
  const makers = [
    () => common(),
    () => middling(),
    () => rare(),
    () => madeUp(),
    () => `${middling()} ${common()}`,
    () => `${rare()} ${middling()}`,
    () => `"${common()} ${common()}"`,
    () => `${middling()} or ${rare()}`,
    () => `${common()} -${middling()}`,
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]());
}

/**
 * Figure 4: the web's Search operation (first page of 20) for each query, one at a time, through
 * the api and through the same statements sent bare through pg (bare-queries.ts); each query runs
 * both ways, in alternating order, after a short warm-up.
 */
export async function search(ctx: BenchContext): Promise<Search> {
  const queries = searchQueries(ctx.scale.searches);
  const url = `${ctx.apiUrl}/graphql`;
  const pool = new pg.Pool({
    connectionString: ctx.databaseUrl,
    max: 10,
    application_name: 'kinship-bench-search',
  });
  const run: Run = async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[];
  const viaApi = async (query: string) => {
    const t = performance.now();
    const text = await fetchText(url, graphqlRequest(ctx, body('Search', { query, first: 20 })));
    const ms = performance.now() - t;
    assertNoErrors(text, `Search "${query}"`);
    return ms;
  };
  const viaBare = async (query: string) => {
    const t = performance.now();
    const found = await bareSearch(run, ctx.token, query, 20);
    return { ms: performance.now() - t, found };
  };
  try {
    for (const query of searchQueries(10)) {
      await viaApi(query);
      await viaBare(query);
    }
    const timings: { query: string; apiMs: number; bareMs: number; found: number }[] = [];
    for (const [i, query] of queries.entries()) {
      if (i % 2 === 0) {
        const apiMs = await viaApi(query);
        const bare = await viaBare(query);
        timings.push({ query, apiMs, bareMs: bare.ms, found: bare.found });
      } else {
        const bare = await viaBare(query);
        const apiMs = await viaApi(query);
        timings.push({ query, apiMs, bareMs: bare.ms, found: bare.found });
      }
    }
    const api = timings.map((t) => t.apiMs).sort((a, b) => a - b);
    const bare = timings.map((t) => t.bareMs).sort((a, b) => a - b);
    const apiStats = { p50Ms: round(percentile(api, 50), 1), p95Ms: round(percentile(api, 95), 1) };
    const bareStats = { p50Ms: round(percentile(bare, 50), 1), p95Ms: round(percentile(bare, 95), 1) };
    return {
      queries: queries.length,
      withResults: timings.filter((t) => t.found > 0).length,
      api: apiStats,
      bare: bareStats,
      p95Ratio: round(apiStats.p95Ms / Math.max(bareStats.p95Ms, 0.1)),
      slowest: [...timings]
        .sort((a, b) => b.apiMs - a.apiMs)
        .slice(0, 5)
        .map((t) => ({ query: t.query, apiMs: round(t.apiMs, 1), bareMs: round(t.bareMs, 1) })),
    };
  } finally {
    await pool.end();
  }
}
