import { ResourceBoardsDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(ResourceBoardsDocument, {}, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  return { boards: result.data.resourceBoards };
};
