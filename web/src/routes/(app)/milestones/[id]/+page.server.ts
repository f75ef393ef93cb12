import { error } from '@sveltejs/kit';
import { CelebrationDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import { cheerAction } from '$lib/server/milestones';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND =
  "We couldn't find that celebration. It may have been removed, or the link may be incomplete.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  if (!isUuid(event.params.id)) error(404, NOT_FOUND);
  const result = await request(CelebrationDocument, { id: event.params.id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  if (!result.data.celebration) error(404, NOT_FOUND);
  return { celebration: result.data.celebration };
};

export const actions: Actions = {
  cheer: (event) => cheerAction(event, `/milestones/${event.params.id}`),
};
