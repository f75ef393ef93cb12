import { assertNoErrors, fetchText, graphqlRequest, type BenchContext } from '../context.js';
import { load, warmUp, type LoadResult } from '../load.js';
import { body, threadPageVariables } from '../operations.js';

/** Figure 6: figure 1's thread page through the api under 50 connections; every answer must be the reference answer. */
export async function loadTest(ctx: BenchContext): Promise<LoadResult> {
  const url = `${ctx.apiUrl}/graphql`;
  const request = graphqlRequest(ctx, body('ThreadPage', threadPageVariables(ctx.world.deepThreadId, 50)));
  const reference = await fetchText(url, request);
  assertNoErrors(reference, 'ThreadPage');
  const options = { url, connections: 50, seconds: ctx.scale.seconds.load, ...request };
  await warmUp(options, ctx.scale.seconds.warmup);
  return load({ ...options, expectBody: reference });
}
