import { HomeDocument } from '@kinship/graphql';
import { LIMITS } from '@kinship/shared';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(HomeDocument, { after, first: LIMITS.pageSizeDefault }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  return {
    categories: result.data.categories,
    threads: result.data.threads.edges.map((edge) => edge.node),
    pageInfo: result.data.threads.pageInfo,
    paged: after !== undefined,
    welcome: event.url.searchParams.has('welcome'),
  };
};
