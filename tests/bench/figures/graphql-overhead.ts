import { assertNoErrors, fetchText, graphqlRequest, type BenchContext } from '../context.js';
import { load, round, warmUp, type LoadResult } from '../load.js';
import { body, threadPageVariables } from '../operations.js';

export interface GraphqlOverhead {
  posts: number;
  api: LoadResult;
  bare: LoadResult;
  /** api req/s over bare req/s. */
  throughputRatio: number;
  /** api p99 over bare p99. */
  p99Ratio: number;
  /** The bare server's answer is byte for byte the api's. */
  sameJson: boolean;
  /** Where the answers first differ (a path and the kinds of value, never the text itself). */
  firstDifference?: string;
}

/** The first path at which two JSON values differ, described without their content. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  const kind = (v: unknown) =>
    Array.isArray(v)
      ? `array(${v.length})`
      : v === null
        ? 'null'
        : typeof v === 'string'
          ? `string(${v.length})`
          : typeof v;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${path}: ${kind(a)} vs ${kind(b)}`;
  }
  if (a && b && typeof a === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) return `${path}: keys [${ka.join()}] vs [${kb.join()}]`;
    for (const key of ka) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  if (a === b) return undefined;
  return typeof a === 'string'
    ? `${path}: ${kind(a)} vs ${kind(b)}`
    : `${path}: ${String(a)} vs ${String(b)}`;
}

/**
 * Figure 1: the web's ThreadPage (thread + 50 posts with authors, reactions, the viewer's
 * reactions and the quoted posts) through the api, against the bare server running the same
 * statements through a pool of the same size. Each answer must equal the reference answer.
 */
export async function graphqlOverhead(ctx: BenchContext): Promise<GraphqlOverhead> {
  const posts = 50;
  const request = graphqlRequest(ctx, body('ThreadPage', threadPageVariables(ctx.world.deepThreadId, posts)));
  const apiUrl = `${ctx.apiUrl}/graphql`;
  const bareUrl = `${ctx.bareUrl}/graphql`;
  const apiText = await fetchText(apiUrl, request);
  assertNoErrors(apiText, 'ThreadPage through the api');
  const bareText = await fetchText(bareUrl, request);
  assertNoErrors(bareText, 'ThreadPage through the bare server');
  const options = { connections: 10, seconds: ctx.scale.seconds.compare, ...request };
  await warmUp({ ...options, url: apiUrl }, ctx.scale.seconds.warmup);
  const api = await load({ ...options, url: apiUrl, expectBody: apiText });
  await warmUp({ ...options, url: bareUrl }, ctx.scale.seconds.warmup);
  const bare = await load({ ...options, url: bareUrl, expectBody: bareText });
  return {
    posts,
    api,
    bare,
    throughputRatio: round(api.rps / bare.rps),
    p99Ratio: round(api.p99Ms / Math.max(bare.p99Ms, 1)),
    sameJson: apiText === bareText,
    firstDifference:
      apiText === bareText
        ? undefined
        : (firstDifference(JSON.parse(apiText), JSON.parse(bareText)) ?? 'formatting only'),
  };
}
