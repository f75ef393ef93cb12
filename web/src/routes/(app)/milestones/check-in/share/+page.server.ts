import { error, redirect } from '@sveltejs/kit';
import { SAFETY_RESOURCES, detectCrisis } from '@kinship/shared';
import { ShareCheckInDocument, ShareCheckInPageDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, failFields, loadError, requireUser, text } from '$lib/server/forms';
import { isDay, shareText } from '$lib/check-ins';
import { planIfSignedIn } from '$lib/server/safety-net';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/milestones/check-in/share';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const day = event.url.searchParams.get('day') ?? '';
  if (!isDay(day)) error(400, 'That link is missing the day of the check-in to share.');
  const result = await request(ShareCheckInPageDocument, { day }, { token, event });
  if (result.error) loadError(result.error, `${PATH}?day=${day}`);
  const checkIn = result.data.myCheckIn;
  if (!checkIn) error(404, 'There is no check-in for that day to share.');
  return { day, checkIn, body: shareText(checkIn), enabled: result.data.checkInSettings.enabled };
};

export const actions: Actions = {
  share: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = { day: text(data, 'day'), body: text(data, 'body') };
    if (typed.body.trim() === '') {
      return failFields(
        'Please check the copy below.',
        { body: 'Write a few words to share, or go back.' },
        typed,
      );
    }
    const result = await request(
      ShareCheckInDocument,
      { day: typed.day, body: typed.body },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, `${PATH}?day=${typed.day}`);
    const href = `/threads/${result.data.shareCheckIn}`;
    // Screened like any post: the same detection the api runs decides whether to show help first.
    if (detectCrisis(typed.body).crisis) {
      return { posted: { href }, safetyResources: [...SAFETY_RESOURCES], plan: await planIfSignedIn(event) };
    }
    redirect(303, href);
  },
};
