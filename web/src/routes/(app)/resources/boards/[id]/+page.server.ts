import { error } from '@sveltejs/kit';
import { ResourceBoardPageDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const NOT_FOUND = "We couldn't find that board. It may have been renamed or removed.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const search = event.url.searchParams;
  const query = (search.get('q') ?? '').trim().slice(0, 200);
  const tag = (search.get('tag') ?? '').trim().slice(0, 60);
  const after = search.get('after') || undefined;

  const result = await request(
    ResourceBoardPageDocument,
    { boardId: id, tag: tag || undefined, query: query || undefined, first: PAGE_SIZE, after },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const board = result.data.resourceBoards.find((b) => b.id === id);
  if (!board) error(404, NOT_FOUND);

  const filters = new URLSearchParams();
  if (query) filters.set('q', query);
  if (tag) filters.set('tag', tag);
  const base = filters.toString();
  const path = `/resources/boards/${id}`;
  const { pageInfo } = result.data.resources;
  return {
    board,
    tags: result.data.resourceTags,
    resources: result.data.resources.edges.map((edge) => edge.node),
    filters: { query, tag },
    paged: !!after,
    firstHref: `${path}${base ? `?${base}` : ''}`,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `${path}?${base ? `${base}&` : ''}after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    now: new Date().toISOString(),
  };
};
