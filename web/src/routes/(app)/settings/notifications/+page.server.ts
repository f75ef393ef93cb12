import {
  NotificationSettingsDocument,
  SetNotificationPreferenceDocument,
  SetQuietHoursDocument,
} from '@kinship/graphql';
import { isEmailChoice, timeToMinutes } from '$lib/notifications';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text } from '$lib/server/forms';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/settings/notifications';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(NotificationSettingsDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { preferences: result.data.notificationPreferences, quietHours: result.data.quietHours };
};

export const actions: Actions = {
  preferences: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const current = await request(NotificationSettingsDocument, {}, { token, event });
    if (current.error) return failWith(current.error, {}, PATH, 'preferences');

    const typed: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const changes = [];
    for (const pref of current.data.notificationPreferences) {
      const inApp = data.get(`inApp-${pref.type}`) !== null;
      const email = text(data, `email-${pref.type}`) || pref.email;
      typed[`inApp-${pref.type}`] = inApp ? 'on' : '';
      typed[`email-${pref.type}`] = email;
      if (!isEmailChoice(email)) {
        errors[`email-${pref.type}`] = 'Choose Off, Right away or Daily summary.';
        continue;
      }
      if (inApp !== pref.inApp || email !== pref.email) changes.push({ type: pref.type, inApp, email });
    }
    if (Object.keys(errors).length > 0) {
      return fail(400, {
        message: 'Please check the email choices below.',
        errors,
        values: typed,
        scope: 'preferences',
      });
    }
    for (const change of changes) {
      const result = await request(SetNotificationPreferenceDocument, change, { token, event });
      if (result.error) return failWith(result.error, typed, PATH, 'preferences');
    }
    return { saved: 'preferences' as const };
  },

  quietHours: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed: Record<string, string> = {
      enabled: data.get('enabled') !== null ? 'on' : '',
      start: text(data, 'start'),
      end: text(data, 'end'),
    };
    const start = timeToMinutes(typed.start);
    const end = timeToMinutes(typed.end);
    const errors: Record<string, string> = {};
    if (start === null) errors.start = 'Enter a time, for example 22:00.';
    if (end === null) errors.end = 'Enter a time, for example 07:00.';
    if (start === null || end === null) {
      return fail(400, {
        message: 'Please check the quiet hours times.',
        errors,
        values: typed,
        scope: 'quietHours',
      });
    }
    const result = await request(
      SetQuietHoursDocument,
      { enabled: typed.enabled === 'on', start, end },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH, 'quietHours');
    return { saved: 'quietHours' as const };
  },
};
