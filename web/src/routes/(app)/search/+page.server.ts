import { SearchDocument } from '@kinship/graphql';
import { LIMITS } from '@kinship/shared';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

/** The api accepts 1 to 200 characters of search text. */
const MAX_QUERY = 200;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const q = (event.url.searchParams.get('q') ?? '').trim();
  const after = event.url.searchParams.get('after') || undefined;
  if (!q) return { q, results: [], moreHref: null, paged: false, problem: null, hiddenTopics: [] };
  if (q.length > MAX_QUERY) {
    return {
      q,
      results: [],
      moreHref: null,
      paged: false,
      hiddenTopics: [],
      problem: `Please search with at most ${MAX_QUERY} characters.`,
    };
  }

  const result = await request(
    SearchDocument,
    { query: q, first: LIMITS.pageSizeDefault, after },
    { token, event },
  );
  if (result.error) {
    if (result.error.code === 'BAD_USER_INPUT' && result.error.field === 'query') {
      return {
        q,
        results: [],
        moreHref: null,
        paged: false,
        problem: result.error.message,
        hiddenTopics: [],
      };
    }
    loadError(result.error, event.url.pathname + event.url.search);
  }
  const { edges, pageInfo } = result.data.search;
  return {
    q,
    results: edges.map((edge) => edge.node),
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `/search?${new URLSearchParams({ q, after: pageInfo.endCursor }).toString()}`
        : null,
    paged: after !== undefined,
    problem: null,
    hiddenTopics: result.data.me?.topicFilters ?? [],
  };
};
