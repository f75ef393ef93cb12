import { error } from '@sveltejs/kit';
import { CategoryThreadsDocument } from '@kinship/graphql';
import { LIMITS } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that category. It may have been renamed or removed.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const { categoryId } = event.params;
  if (!isUuid(categoryId)) error(404, NOT_FOUND);
  const after = event.url.searchParams.get('after') || undefined;

  const result = await request(
    CategoryThreadsDocument,
    { categoryId, after, first: LIMITS.pageSizeDefault },
    { token, event },
  );
  if (result.error) {
    if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
    loadError(result.error, event.url.pathname + event.url.search);
  }
  // The api has no single-category query; the list is short and already needed for context.
  const category = result.data.categories.find((c) => c.id === categoryId);
  if (!category) error(404, NOT_FOUND);
  return {
    category,
    threads: result.data.threads.edges.map((edge) => edge.node),
    pageInfo: result.data.threads.pageInfo,
    paged: after !== undefined,
  };
};
