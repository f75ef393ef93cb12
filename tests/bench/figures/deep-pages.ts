import { assertNoErrors, fetchText, graphqlRequest, type BenchContext } from '../context.js';
import { load, round, warmUp, type LoadResult } from '../load.js';
import { body, threadPageVariables } from '../operations.js';

export interface DeepPages {
  posts: number;
  /** Position of the last page's first post. */
  lastPageFrom: number;
  first: LoadResult;
  last: LoadResult;
  /** Last page p50 over first page p50. */
  p50Ratio: number;
}

/** Figure 3: the last page of the deep thread against its first page, through the api (10 connections). */
export async function deepPages(ctx: BenchContext): Promise<DeepPages> {
  const posts = 50;
  const lastPageFrom = Math.max(1, ctx.world.deepThreadPosts - posts + 1);
  const url = `${ctx.apiUrl}/graphql`;
  const measure = async (fromPosition?: number) => {
    const request = graphqlRequest(
      ctx,
      body('ThreadPage', threadPageVariables(ctx.world.deepThreadId, posts, fromPosition)),
    );
    const reference = await fetchText(url, request);
    assertNoErrors(reference, 'ThreadPage');
    const options = { url, connections: 10, seconds: ctx.scale.seconds.compare, ...request };
    await warmUp(options, ctx.scale.seconds.warmup);
    return load({ ...options, expectBody: reference });
  };
  const first = await measure();
  const last = await measure(lastPageFrom);
  return { posts, lastPageFrom, first, last, p50Ratio: round(last.p50Ms / Math.max(first.p50Ms, 0.01)) };
}
