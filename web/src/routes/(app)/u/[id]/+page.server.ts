import { error } from '@sveltejs/kit';
import { ProfileDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that member. They may have left Kinship.";

export const load: PageServerLoad = async (event) => {
  const { token, user: viewer } = requireUser(event.locals, event.url);
  if (!isUuid(event.params.id)) error(404, NOT_FOUND);
  const result = await request(ProfileDocument, { id: event.params.id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  if (!result.data.user) error(404, NOT_FOUND);
  return { profile: result.data.user, isSelf: result.data.user.id === viewer.id };
};
