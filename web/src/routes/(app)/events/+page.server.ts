import { EventsPageDocument } from '@kinship/graphql';
import { isEventKind, isEventRange, rangeEnd } from '$lib/events';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const search = event.url.searchParams;
  const kindParam = search.get('kind');
  const kind = isEventKind(kindParam) ? kindParam : null;
  const rangeParam = search.get('range');
  const range = isEventRange(rangeParam) ? rangeParam : null;
  const mine = search.get('mine') === '1';
  const after = search.get('after') || undefined;
  const now = new Date();

  const result = await request(
    EventsPageDocument,
    {
      kind,
      mine: mine || undefined,
      to: range ? rangeEnd(range, now, user.timeZone) : undefined,
      first: PAGE_SIZE,
      after,
    },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);

  // The filters as a query string, for the pager and "back to the first page" links.
  const filters = new URLSearchParams();
  if (kind) filters.set('kind', kind);
  if (range) filters.set('range', range);
  if (mine) filters.set('mine', '1');
  const base = filters.toString();
  const { pageInfo } = result.data.events;
  return {
    events: result.data.events.edges.map((edge) => edge.node),
    filters: { kind, range, mine },
    paged: !!after,
    firstHref: `/events${base ? `?${base}` : ''}`,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `/events?${base ? `${base}&` : ''}after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    now: now.toISOString(),
  };
};
