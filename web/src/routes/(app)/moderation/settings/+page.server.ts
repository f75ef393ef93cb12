import { fail, redirect } from '@sveltejs/kit';
import {
  AddWatchedWordDocument,
  ModerationSettingsAdminDocument,
  ModerationSettingsDocument,
  RemoveWatchedWordDocument,
  UpdateModerationSettingsDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, text, values } from '$lib/server/forms';
import { fieldProblem, requireAdmin, requireModerator } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/moderation/settings';

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireModerator(event.locals, event.url);
  const done = event.url.searchParams.get('done');
  if (user.role === 'ADMIN') {
    const result = await request(ModerationSettingsAdminDocument, {}, { token, event });
    if (result.error) loadError(result.error, PATH);
    return { settings: result.data.moderationSettings, watchedWords: result.data.watchedWords, done };
  }
  const result = await request(ModerationSettingsDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { settings: result.data.moderationSettings, watchedWords: null, done };
};

const SETTING_FIELDS = ['flagHideThreshold', 'premodFirstPosts', 'crisisEscalationMinutes'] as const;
type SettingField = (typeof SETTING_FIELDS)[number];

const SETTING_NAMES: Record<SettingField, string> = {
  flagHideThreshold: 'Flags that hide a post',
  premodFirstPosts: 'First posts to review',
  crisisEscalationMinutes: 'Minutes before a crisis case goes to the admins',
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const typed: Record<string, string> = values(await event.request.formData(), SETTING_FIELDS);
    const input: Partial<Record<SettingField, number | null>> = {};
    const errors: Record<string, string> = {};
    for (const field of SETTING_FIELDS) {
      const raw = typed[field].trim();
      // Empty goes back to the deployment's default.
      if (raw === '') input[field] = null;
      else if (/^\d{1,4}$/.test(raw)) input[field] = Number(raw);
      else errors[field] = `${SETTING_NAMES[field]} must be a whole number, or empty for the default.`;
    }
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: Object.values(errors)[0], errors, values: typed, scope: 'settings' });
    }
    const result = await request(UpdateModerationSettingsDocument, { input }, { token, event });
    if (result.error) return failWith(result.error, typed, PATH, 'settings');
    redirect(303, `${PATH}?done=settings`);
  },

  addWord: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const typed = values(await event.request.formData(), ['word', 'action']);
    if (typed.action !== 'BLOCK' && typed.action !== 'REVIEW') {
      return fieldProblem('action', 'Please choose what happens to a post with this word.', typed, 'words');
    }
    if (!typed.word.trim()) return fieldProblem('word', 'Please type the word or phrase.', typed, 'words');
    const result = await request(
      AddWatchedWordDocument,
      { input: { word: typed.word, action: typed.action } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH, 'words');
    redirect(303, `${PATH}?done=word#watched-words`);
  },

  removeWord: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const id = text(await event.request.formData(), 'id');
    if (!isUuid(id)) return failMessage(404, 'That watched word could not be found.', {}, 'words');
    const result = await request(RemoveWatchedWordDocument, { id }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'words');
    redirect(303, `${PATH}?done=removed#watched-words`);
  },
};
