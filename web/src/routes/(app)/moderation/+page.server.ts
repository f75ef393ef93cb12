import type { CaseStatus } from '@kinship/graphql';
import { ModerationQueueDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError } from '$lib/server/forms';
import { caseActions, requireModerator } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const STATUSES: readonly CaseStatus[] = ['OPEN', 'RESOLVED', 'DISMISSED'];

export const load: PageServerLoad = async (event) => {
  const { token } = requireModerator(event.locals, event.url);
  const search = event.url.searchParams;
  const wanted = search.get('status') ?? 'OPEN';
  const status = (STATUSES as readonly string[]).includes(wanted) ? (wanted as CaseStatus) : 'OPEN';
  const after = search.get('after') || undefined;
  const result = await request(
    ModerationQueueDocument,
    { first: PAGE_SIZE, after, status },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const { edges, pageInfo } = result.data.moderationQueue;
  const base = status === 'OPEN' ? '/moderation' : `/moderation?status=${status}`;
  return {
    status,
    cases: edges.map((edge) => edge.node),
    returnTo: base,
    paged: after !== undefined,
    firstHref: base,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `${base}${base.includes('?') ? '&' : '?'}after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    done: search.get('done'),
    doneItem: search.get('item'),
  };
};

export const actions: Actions = caseActions;
