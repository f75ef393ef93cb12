import { MyProfileDocument, UpdateProfileDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['displayName', 'pronouns', 'bio', 'timeZone'] as const;

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MyProfileDocument, {}, { token, event });
  if (result.error || !result.data.me)
    return loadError(result.error ?? { code: 'UNAUTHENTICATED', message: '', fields: {} });
  return { profile: result.data.me };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const typed = values(await event.request.formData(), FIELDS);
    const result = await request(
      UpdateProfileDocument,
      {
        input: {
          displayName: typed.displayName.trim(),
          // Empty clears pronouns and bio; the api stores that as "not set".
          pronouns: typed.pronouns.trim(),
          bio: typed.bio.trim(),
          ...(typed.timeZone.trim() ? { timeZone: typed.timeZone.trim() } : {}),
        },
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, '/settings/profile');
    return { saved: true };
  },
};
