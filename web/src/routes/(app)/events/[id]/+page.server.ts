import { error, redirect } from '@sveltejs/kit';
import { CancelEventDocument, EventPageDocument, RsvpDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { isRsvpStatus } from '$lib/events';
import { request } from '$lib/server/graphql';
import { flagParams, sendFlag } from '$lib/server/flags';
import { failMessage, failWith, loadError, requireUser, text, values } from '$lib/server/forms';
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
  const flag = flagParams(event.url);
  return {
    event: found,
    // Cancelling asks once, also without JavaScript: ?cancel=1 shows the question in place.
    confirmCancel: search.get('cancel') === '1' && found.viewerCanEdit && !found.cancelled,
    done: search.get('done'),
    // The flag form (see $lib/flags): open for this event (not for its organiser), or thanks.
    flagging: flag.flagging === found.id && !found.viewerCanEdit,
    flagged: flag.flagged === found.id,
    now: new Date().toISOString(),
  };
};

export const actions: Actions = {
  flag: async (event) => {
    const id = event.params.id;
    const data = await event.request.formData();
    return sendFlag(event, data, { type: 'EVENT', id, page: `/events/${id}`, gone: NOT_FOUND });
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
