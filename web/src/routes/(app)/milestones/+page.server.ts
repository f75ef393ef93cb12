import { fail, redirect } from '@sveltejs/kit';
import { ClearRecoveryStartDocument, MyMilestonesDocument, SetRecoveryStartDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/milestones';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MyMilestonesDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  const supporting = result.data.peopleISupport;
  return {
    progress: result.data.myMilestones,
    timeZone: result.data.me?.timeZone ?? null,
    reset: event.url.searchParams.has('reset'),
    space: {
      checkInsOn: result.data.checkInSettings.enabled,
      checkedInOn: result.data.myCheckIns[0]?.day ?? null,
      myPeople: result.data.mySupportPeople.filter((link) => link.status === 'ACTIVE').length,
      myPeopleAsked: result.data.mySupportPeople.filter((link) => link.status === 'PENDING').length,
      asksToMe: supporting.filter((link) => link.status === 'PENDING').length,
      openReachOuts: supporting.filter((link) => link.openReachOut).length,
    },
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = {
      date: text(data, 'date').trim(),
      visibility: text(data, 'visibility'),
      announce: data.get('announce') !== null ? 'on' : '',
    };
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(typed.date))
      errors.date = 'Enter the date you started, for example 2025-03-01.';
    if (typed.visibility !== 'ONLY_ME' && typed.visibility !== 'MEMBERS')
      errors.visibility = 'Choose who can see the date.';
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please check the form below.', errors, values: typed, scope: 'save' });
    }
    const result = await request(
      SetRecoveryStartDocument,
      {
        date: typed.date,
        visibility: typed.visibility as 'ONLY_ME' | 'MEMBERS',
        announce: typed.announce === 'on',
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH, 'save');
    return { saved: true };
  },

  reset: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(ClearRecoveryStartDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'reset');
    redirect(303, '/milestones?cleared=1');
  },
};
