import { SavedResourcesDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(SavedResourcesDocument, { first: PAGE_SIZE, after }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const { pageInfo, edges } = result.data.savedResources;
  return {
    resources: edges.map((edge) => edge.node),
    paged: !!after,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `/resources/saved?after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    now: new Date().toISOString(),
  };
};
