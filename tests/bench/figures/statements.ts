import pg from 'pg';
import { search, statementShape, type Run } from '../bare-queries.js';
import { fetchText, graphqlRequest, type BenchContext } from '../context.js';
import { body, threadPageVariables } from '../operations.js';
import { paths } from '../paths.js';
import { freePort } from '../stack.js';

export interface Statements {
  /** Statements the api sends for one ThreadPage of 10 posts, and of 50. */
  at10: number;
  at50: number;
  /** The statements of the 50-post page, by the table they read (sessions, users, posts, ...). */
  byTable: Record<string, number>;
  /** The bare server sends the same statements as the api for the 50-post page (figure 1's reference). */
  bareMatchesApi: boolean;
  /** The bare search sends the same statements as the api's Search (figure 4's reference). */
  bareSearchMatchesApi: boolean;
  differences: string[];
}

async function counter(port: number, action: 'start' | 'stop'): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/${action}`, { method: 'POST' });
  if (action === 'start') return [];
  return ((await res.json()) as { statements: string[] }).statements;
}

/** Sends `send` while the process behind `counterPort` records; returns the statements it sent. */
async function recorded(counterPort: number, send: () => Promise<unknown>): Promise<string[]> {
  await counter(counterPort, 'start');
  await send();
  return counter(counterPort, 'stop');
}

function table(statement: string): string {
  const match = /\bFROM\s+"?([a-z_]+)"?/i.exec(statement.replace(/\(SELECT[^()]*\)/g, ''));
  const word = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase();
  return word === 'SELECT' || word === 'WITH' ? (match?.[1] ?? 'other') : `${word?.toLowerCase() ?? 'other'}`;
}

function count(list: string[], key: (s: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Differences between two lists of statements, compared by shape and count, order aside. */
function compare(label: string, api: string[], bare: string[]): string[] {
  const a = count(api, statementShape);
  const b = count(bare, statementShape);
  const out: string[] = [];
  for (const shape of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(shape) ?? 0) !== (b.get(shape) ?? 0)) {
      out.push(`${label}: api ×${a.get(shape) ?? 0}, bare ×${b.get(shape) ?? 0}: ${shape.slice(0, 600)}`);
    }
  }
  return out;
}

/**
 * Figure 2, from the statements themselves: a second api process, started for this figure with a
 * preloaded recorder around `pg` (support/statement-counter.cts), serves one ThreadPage of 10 posts
 * and one of 50; each statement it sends is counted. PostgreSQL's pg_stat_statements would need a
 * server restart (shared_preload_libraries), which the benchmark must not do to a shared server.
 * The same recorder checks that the bare references run the api's statements.
 */
export async function statements(ctx: BenchContext): Promise<Statements> {
  const [apiPort, apiCounter, barePort, bareCounter] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  ctx.processes.start('api-counted', ['--require', paths.statementCounter, paths.apiMain], {
    ...ctx.env,
    API_PORT: String(apiPort),
    BENCH_STATEMENT_COUNTER_PORT: String(apiCounter),
  });
  ctx.processes.start('bare-counted', ['--require', paths.statementCounter, paths.bareServer], {
    ...ctx.env,
    BARE_PORT: String(barePort),
    BENCH_STATEMENT_COUNTER_PORT: String(bareCounter),
  });
  try {
    await ctx.processes.waitFor('api-counted', `${apiUrl}/health`);
    await ctx.processes.waitFor('bare-counted', `${bareUrl}/health`);
    const page = (first: number) =>
      graphqlRequest(ctx, body('ThreadPage', threadPageVariables(ctx.world.deepThreadId, first)));
    // One page first, uncounted: the api's first request also loads its settings and warms its pools.
    await fetchText(`${apiUrl}/graphql`, page(50));
    const at10 = await recorded(apiCounter, () => fetchText(`${apiUrl}/graphql`, page(10)));
    const at50 = await recorded(apiCounter, () => fetchText(`${apiUrl}/graphql`, page(50)));
    const bare50 = await recorded(bareCounter, () => fetchText(`${bareUrl}/graphql`, page(50)));

    const query = 'morning walk';
    const apiSearch = await recorded(apiCounter, () =>
      fetchText(`${apiUrl}/graphql`, graphqlRequest(ctx, body('Search', { query, first: 20 }))),
    );
    const bareSearch: string[] = [];
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 });
    try {
      const run: Run = async (text, params) => {
        bareSearch.push(text);
        return (await pool.query(text, params)).rows as Record<string, unknown>[];
      };
      await search(run, ctx.token, query, 20);
    } finally {
      await pool.end();
    }
    const pageDifferences = compare('thread page', at50, bare50);
    const searchDifferences = compare('search', apiSearch, bareSearch);
    return {
      at10: at10.length,
      at50: at50.length,
      byTable: Object.fromEntries([...count(at50, table)].sort((a, b) => b[1] - a[1])),
      bareMatchesApi: pageDifferences.length === 0,
      bareSearchMatchesApi: searchDifferences.length === 0,
      differences: [...pageDifferences, ...searchDifferences],
    };
  } finally {
    await ctx.processes.stop('api-counted');
    await ctx.processes.stop('bare-counted');
  }
}
