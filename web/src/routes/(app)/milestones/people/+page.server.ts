import { redirect } from '@sveltejs/kit';
import { AskSupportPersonDocument, EndSupportDocument, MyPeopleDocument } from '@kinship/graphql';
import { SUPPORT_PEOPLE_MAX } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failFields, failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import { PEOPLE_PATH, reachOutAction } from '$lib/server/safety-net';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MyPeopleDocument, {}, { token, event });
  if (result.error) loadError(result.error, PEOPLE_PATH);
  return {
    people: result.data.mySupportPeople,
    reachOuts: result.data.myReachOuts,
    max: SUPPORT_PEOPLE_MAX,
    asked: event.url.searchParams.get('asked'),
    ended: event.url.searchParams.has('ended'),
  };
};

export const actions: Actions = {
  ask: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = { displayName: text(data, 'displayName').trim() };
    if (!typed.displayName) {
      return failFields(
        'Please check the form below.',
        { displayName: 'Enter the display name of the person you would like to ask.' },
        typed,
      );
    }
    const result = await request(
      AskSupportPersonDocument,
      { displayName: typed.displayName },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PEOPLE_PATH, 'ask');
    redirect(
      303,
      `${PEOPLE_PATH}?asked=${encodeURIComponent(result.data.askSupportPerson.supporter.displayName)}`,
    );
  },

  end: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = text(await event.request.formData(), 'id');
    const scope = `end:${id}`;
    if (!isUuid(id)) return failMessage(404, 'That person is no longer on your list.', {}, scope);
    const result = await request(EndSupportDocument, { id }, { token, event });
    if (result.error) return failWith(result.error, {}, PEOPLE_PATH, scope);
    redirect(303, `${PEOPLE_PATH}?ended=1`);
  },

  reachOut: reachOutAction,
};
