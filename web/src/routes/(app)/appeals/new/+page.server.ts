import { error, redirect } from '@sveltejs/kit';
import { AppealDocument, MyAppealsDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text, values } from '$lib/server/forms';
import { fieldProblem } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND =
  "We couldn't find that decision. The link may be incomplete; the notification about it has the full link.";
const APPEAL_MIN = 10;
const APPEAL_MAX = 2000;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const actionId = event.url.searchParams.get('action') ?? '';
  if (!isUuid(actionId)) error(404, NOT_FOUND);
  // Once per decision: an appeal already sent is shown instead of the form.
  const result = await request(MyAppealsDocument, {}, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  return { actionId, existing: result.data.myAppeals.find((a) => a.actionId === actionId) ?? null };
};

export const actions: Actions = {
  default: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const actionId = text(data, 'actionId');
    const typed = values(data, ['text']);
    if (!isUuid(actionId)) error(404, NOT_FOUND);
    const length = typed.text.trim().length;
    if (length < APPEAL_MIN || length > APPEAL_MAX) {
      return fieldProblem(
        'text',
        `Please explain your appeal in ${APPEAL_MIN} to ${APPEAL_MAX} characters.`,
        typed,
      );
    }
    const result = await request(AppealDocument, { actionId, text: typed.text }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
      return failWith(result.error, typed, `/appeals/new?action=${actionId}`);
    }
    redirect(303, '/appeals?sent=1');
  },
};
