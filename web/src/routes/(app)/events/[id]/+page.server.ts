import { error, redirect } from '@sveltejs/kit';
import { CancelEventDocument, EventPageDocument, FlagDocument, RsvpDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { isRsvpStatus } from '$lib/events';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, optional, requireUser, text, values } from '$lib/server/forms';
import { isFlagReason } from '$lib/moderation';
import { flagProblem } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that event. It may have been removed, or the link may be incomplete.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const result = await request(EventPageDocument, { id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const found = result.data.event;
  if (!found) error(404, NOT_FOUND);
  const search = event.url.searchParams;
  return {
    event: found,
    // Cancelling asks once, also without JavaScript: ?cancel=1 shows the question in place.
    confirmCancel: search.get('cancel') === '1' && found.viewerCanEdit && !found.cancelled,
    done: search.get('done'),
    // Flagging works without JavaScript: ?flag=1 opens the form, ?flagged=1 says thanks.
    flagging: search.has('flag') && !found.viewerCanEdit,
    flagged: search.has('flagged'),
    now: new Date().toISOString(),
  };
};

export const actions: Actions = {
  flag: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    if (!isUuid(id)) error(404, NOT_FOUND);
    const typed = values(await event.request.formData(), ['reason', 'note']);
    if (!isFlagReason(typed.reason)) return flagProblem(typed, 'flag');
    const result = await request(
      FlagDocument,
      { input: { targetType: 'EVENT', targetId: id, reason: typed.reason, note: optional(typed.note) } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, `/events/${id}?flag=1`, 'flag');
    redirect(303, `/events/${id}?flagged=1`);
  },

  rsvp: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const data = await event.request.formData();
    const status = text(data, 'status');
    if (!isRsvpStatus(status)) return failMessage(400, 'Choose Going, Maybe or Not going.', {}, 'rsvp');
    const result = await request(RsvpDocument, { eventId: id, status }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
      return failWith(result.error, {}, `/events/${id}`, 'rsvp');
    }
    redirect(303, `/events/${id}`);
  },

  cancel: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const data = await event.request.formData();
    const typed = values(data, ['reason']);
    const reason = typed.reason.trim();
    if (!reason) {
      return failWith(
        {
          code: 'BAD_USER_INPUT',
          message: 'Please give a reason. Members who are going will be told it.',
          field: 'reason',
          fields: { reason: 'Please give a reason. Members who are going will be told it.' },
        },
        typed,
        `/events/${id}`,
        'cancel',
      );
    }
    const result = await request(CancelEventDocument, { id, reason }, { token, event });
    if (result.error) return failWith(result.error, typed, `/events/${id}`, 'cancel');
    redirect(303, `/events/${id}?done=cancelled`);
  },
};
