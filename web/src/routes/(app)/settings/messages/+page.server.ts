import { MessageSettingsDocument, SetMessageRequestsDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/settings/messages';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MessageSettingsDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { settings: result.data.messageSettings };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const allow = data.get('allowRequests') !== null;
    const result = await request(SetMessageRequestsDocument, { allow }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'save');
    return { saved: result.data.setMessageRequests };
  },
};
