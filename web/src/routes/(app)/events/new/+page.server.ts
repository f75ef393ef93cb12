import { redirect } from '@sveltejs/kit';
import { CreateEventDocument } from '@kinship/graphql';
import { knownZone, timeZoneList } from '$lib/events';
import { EVENT_FIELDS, formFieldFor, parseEventForm, type EventFormValues } from '$lib/events-form';
import { request } from '$lib/server/graphql';
import { failFields, failWithFields, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const { user } = requireUser(locals, url);
  const values: EventFormValues = {
    title: '',
    description: '',
    kind: '',
    startsAt: '',
    endsAt: '',
    timeZone: knownZone(user.timeZone) ?? 'UTC',
    address: '',
    onlineUrl: '',
    capacity: '',
    rsvpDeadline: '',
    repeat: '',
    repeatCount: '',
    scope: 'THIS',
  };
  return { values, timeZones: timeZoneList(), staff: user.role !== 'MEMBER' };
};

export const actions: Actions = {
  default: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const typed = values(await event.request.formData(), EVENT_FIELDS);
    const parsed = parseEventForm(typed);
    if (Object.keys(parsed.errors).length > 0) {
      return failFields(
        'Some details need another look before the event can be saved.',
        parsed.errors,
        typed,
      );
    }
    const { fields } = parsed;
    const result = await request(
      CreateEventDocument,
      {
        input: {
          title: fields.title,
          description: fields.description,
          kind: fields.kind,
          startsAt: fields.startsAt,
          endsAt: fields.endsAt,
          timeZone: fields.timeZone,
          address: fields.address ?? undefined,
          onlineUrl: fields.onlineUrl ?? undefined,
          capacity: fields.capacity ?? undefined,
          rsvpDeadline: fields.rsvpDeadline ?? undefined,
          recurrence: parsed.recurrence ?? undefined,
        },
      },
      { token, event },
    );
    if (result.error) {
      return failWithFields(result.error, typed, '/events/new', formFieldFor);
    }
    const created = result.data.createEvent;
    redirect(
      303,
      `/events/${created.id}?done=${created.status === 'PENDING_REVIEW' ? 'proposed' : 'created'}`,
    );
  },
};
