import { ModerationLogDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError } from '$lib/server/forms';
import { requireModerator } from '$lib/server/moderation';
import { memberNames } from '$lib/server/names';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 30;

export const load: PageServerLoad = async (event) => {
  const { token } = requireModerator(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(ModerationLogDocument, { first: PAGE_SIZE, after }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const entries = result.data.moderationLog.edges.map((edge) => edge.node);
  const { pageInfo } = result.data.moderationLog;
  const names = await memberNames(
    entries.flatMap((entry) => [entry.moderatorId, entry.targetUserId]),
    { token, event },
  );
  return {
    entries,
    names,
    paged: after !== undefined,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `/moderation/log?after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
  };
};
