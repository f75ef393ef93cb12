import { MyResourcesDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { renewAction } from '$lib/resources.server';
import { request } from '$lib/server/graphql';
import { failMessage, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MyResourcesDocument, {}, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  return {
    resources: result.data.myResources,
    done: event.url.searchParams.get('done'),
    now: new Date().toISOString(),
  };
};

export const actions: Actions = {
  renew: async (event) => {
    const id = text(await event.request.formData(), 'id');
    if (!isUuid(id)) return failMessage(404, "We couldn't find that posting.", {}, `renew:${id}`);
    return renewAction(event, id, '/resources/mine', `renew:${id}`);
  },
};
