import { redirect } from '@sveltejs/kit';
import { CelebrateDocument, MilestoneWallDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, values } from '$lib/server/forms';
import { cheerAction } from '$lib/server/milestones';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(MilestoneWallDocument, { first: PAGE_SIZE, after }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const wall = result.data.milestoneWall;
  return {
    celebrations: wall.edges.map((edge) => edge.node),
    moreHref:
      wall.pageInfo.hasNextPage && wall.pageInfo.endCursor
        ? `/milestones/wall?after=${encodeURIComponent(wall.pageInfo.endCursor)}`
        : null,
    paged: after !== undefined,
  };
};

export const actions: Actions = {
  cheer: (event) => cheerAction(event, '/milestones/wall'),

  share: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const typed = values(await event.request.formData(), ['title', 'body']);
    const result = await request(
      CelebrateDocument,
      { input: { title: typed.title.trim(), body: typed.body } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, '/milestones/wall#share', 'share');
    redirect(303, `/milestones/${result.data.celebrate.id}`);
  },
};
