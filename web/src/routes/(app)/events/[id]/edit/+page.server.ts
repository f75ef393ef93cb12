import { error, redirect } from '@sveltejs/kit';
import { EventPageDocument, UpdateEventDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { timeZoneList } from '$lib/events';
import { EVENT_FIELDS, eventFormValues, formFieldFor, parseEventForm } from '$lib/events-form';
import { request } from '$lib/server/graphql';
import { failFields, failWithFields, loadError, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that event. It may have been removed, or the link may be incomplete.";

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const result = await request(EventPageDocument, { id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  const found = result.data.event;
  if (!found) error(404, NOT_FOUND);
  if (!found.viewerCanEdit) error(403, 'Only the organiser and moderators can edit this event.');
  if (found.cancelled) error(403, 'This event was cancelled, so it can no longer be edited.');
  return {
    event: { id: found.id, title: found.title, seriesId: found.seriesId },
    values: eventFormValues(found),
    timeZones: timeZoneList(),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const typed = values(await event.request.formData(), EVENT_FIELDS);
    const parsed = parseEventForm(typed);
    if (Object.keys(parsed.errors).length > 0) {
      return failFields(
        'Some details need another look before the changes can be saved.',
        parsed.errors,
        typed,
      );
    }
    const { fields } = parsed;
    // Every field is sent, so emptied ones (address, link, seats, deadline) are cleared.
    const result = await request(
      UpdateEventDocument,
      {
        id,
        input: {
          title: fields.title,
          description: fields.description,
          kind: fields.kind,
          startsAt: fields.startsAt,
          endsAt: fields.endsAt,
          timeZone: fields.timeZone,
          address: fields.address,
          onlineUrl: fields.onlineUrl,
          capacity: fields.capacity,
          rsvpDeadline: fields.rsvpDeadline,
          scope: parsed.scope,
        },
      },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
      return failWithFields(result.error, typed, `/events/${id}/edit`, formFieldFor);
    }
    redirect(303, `/events/${id}?done=updated`);
  },
};
