import { redirect } from '@sveltejs/kit';
import {
  EndSupportDocument,
  MarkReachedOutDocument,
  PeopleISupportDocument,
  RespondToSupportRequestDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PATH = '/milestones/supporting';
const GONE = 'That is no longer here: they may have ended it.';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(PeopleISupportDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { links: result.data.peopleISupport, done: event.url.searchParams.get('done') };
};

/** The id posted by one of the page's per-person forms, with the scope its message shows under. */
async function posted(event: RequestEvent) {
  const { token } = requireUser(event.locals, event.url);
  const data = await event.request.formData();
  const id = text(data, 'id');
  return { token, data, id, scope: `link:${text(data, 'linkId') || id}` };
}

export const actions: Actions = {
  respond: async (event) => {
    const { token, data, id, scope } = await posted(event);
    if (!isUuid(id)) return failMessage(404, GONE, {}, scope);
    const accept = text(data, 'accept') === 'yes';
    const result = await request(RespondToSupportRequestDocument, { id, accept }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, scope);
    redirect(303, `${PATH}?done=${accept ? 'accepted' : 'declined'}`);
  },

  reachedOut: async (event) => {
    const { token, id, scope } = await posted(event);
    if (!isUuid(id)) return failMessage(404, GONE, {}, scope);
    const result = await request(MarkReachedOutDocument, { id }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, scope);
    redirect(303, `${PATH}?done=reached`);
  },

  end: async (event) => {
    const { token, id, scope } = await posted(event);
    if (!isUuid(id)) return failMessage(404, GONE, {}, scope);
    const result = await request(EndSupportDocument, { id }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, scope);
    redirect(303, `${PATH}?done=ended`);
  },
};
