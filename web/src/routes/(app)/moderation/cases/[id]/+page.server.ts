import { error } from '@sveltejs/kit';
import { FlagCaseDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { loadError } from '$lib/server/forms';
import { caseActions, requireModerator } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that case. The link may be incomplete.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireModerator(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const result = await request(FlagCaseDocument, { id }, { token, event });
  if (result.error) {
    if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
    loadError(result.error, event.url.pathname);
  }
  return {
    flagCase: result.data.flagCase,
    returnTo: `/moderation/cases/${id}`,
    done: event.url.searchParams.get('done'),
    doneItem: event.url.searchParams.get('item'),
  };
};

export const actions: Actions = caseActions;
