import { fail } from '@sveltejs/kit';
import {
  CheckInSettingsDocument,
  DeleteCheckInHistoryDocument,
  SetCheckInSettingsDocument,
} from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/settings/check-ins';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(CheckInSettingsDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { settings: result.data.checkInSettings, timeZone: result.data.me?.timeZone ?? null };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = {
      enabled: data.get('enabled') !== null ? 'on' : '',
      reminder: data.get('reminder') !== null ? 'on' : '',
      reminderTime: text(data, 'reminderTime').trim(),
    };
    if (typed.reminder === 'on' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(typed.reminderTime)) {
      return fail(400, {
        message: 'Please check the form below.',
        errors: { reminderTime: 'Choose a time for your reminder, for example 08:30.' },
        values: typed,
        scope: 'save',
      });
    }
    const result = await request(
      SetCheckInSettingsDocument,
      {
        enabled: typed.enabled === 'on',
        reminder: typed.reminder === 'on',
        reminderTime: typed.reminderTime || null,
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH, 'save');
    return { saved: result.data.setCheckInSettings };
  },

  deleteHistory: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(DeleteCheckInHistoryDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'delete');
    return { deleted: result.data.deleteCheckInHistory };
  },
};
