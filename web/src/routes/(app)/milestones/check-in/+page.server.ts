import { error, fail } from '@sveltejs/kit';
import {
  CheckInPageDocument,
  CheckInPatternDocument,
  DismissReachOutOfferDocument,
  MySafetyPlanDocument,
  SaveCheckInDocument,
} from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, requireUser, text } from '$lib/server/forms';
import { CHECK_IN_TEXT_MAX, choiceValue, fillableDays, isDay } from '$lib/check-ins';
import { todayIn } from '$lib/milestones';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/milestones/check-in';

export const load: PageServerLoad = async (event) => {
  const { user, token } = requireUser(event.locals, event.url);
  const today = todayIn(user.timeZone);
  const asked = event.url.searchParams.get('day');
  const days = fillableDays(today);
  if (asked !== null && (!isDay(asked) || !days.includes(asked))) {
    error(
      400,
      'Check-ins can be filled in for today and the 7 days before it. Please choose one of those days.',
    );
  }
  const day = asked ?? today;
  const result = await request(CheckInPageDocument, { day }, { token, event });
  if (result.error) loadError(result.error, PATH);
  const filled = new Set(result.data.myCheckIns.map((c) => c.day));
  return {
    day,
    today,
    days: days.map((d) => ({ day: d, filled: filled.has(d) })),
    checkIn: result.data.myCheckIn ?? null,
    enabled: result.data.checkInSettings.enabled,
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = {
      day: text(data, 'day'),
      mood: text(data, 'mood'),
      cravings: text(data, 'cravings'),
      sleep: text(data, 'sleep'),
      helped: text(data, 'helped'),
      hard: text(data, 'hard'),
    };
    const mood = choiceValue(typed.mood, 1, 5);
    const cravings = choiceValue(typed.cravings, 0, 4);
    const errors: Record<string, string> = {};
    if (mood === null) errors.mood = 'Choose how your mood is.';
    if (cravings === null) errors.cravings = 'Choose how strong cravings are.';
    if (typed.sleep !== '' && choiceValue(typed.sleep, 1, 5) === null) errors.sleep = 'Choose how you slept.';
    if (typed.helped.trim().length > CHECK_IN_TEXT_MAX)
      errors.helped = `What helped can be at most ${CHECK_IN_TEXT_MAX} characters.`;
    if (typed.hard.trim().length > CHECK_IN_TEXT_MAX)
      errors.hard = `What was hard can be at most ${CHECK_IN_TEXT_MAX} characters.`;
    if (mood === null || cravings === null || Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please check the answers below.', errors, values: typed });
    }
    const sleep = typed.sleep === '' ? null : choiceValue(typed.sleep, 1, 5);
    const result = await request(
      SaveCheckInDocument,
      {
        input: {
          // A malformed day goes to the api, which refuses it naming `day` (never saved as today instead).
          day: typed.day === '' ? undefined : typed.day,
          mood,
          cravings,
          sleep,
          helped: optional(typed.helped) ?? null,
          hard: optional(typed.hard) ?? null,
        },
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH);
    const saved = result.data.saveCheckIn;

    const patternResult = await request(CheckInPatternDocument, {}, { token, event });
    const pattern = patternResult.error ? null : patternResult.data.checkInPattern;
    // The offer to tell the member's people is made once per stretch of hard days: shown now, and
    // recorded as made, so it does not come back on every check-in of the same stretch.
    if (pattern?.offerReachOut) await request(DismissReachOutOfferDocument, {}, { token, event });
    // After hard days the member sees their own plan right here, not only a link to it.
    const planResult = pattern?.showPlan ? await request(MySafetyPlanDocument, {}, { token, event }) : null;
    const plan = planResult && !planResult.error ? planResult.data.mySafetyPlan : null;
    return { saved: { day: saved.day }, pattern, plan };
  },

  /** "Not now": the offer to tell the member's people is put away for this stretch. */
  notNow: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(DismissReachOutOfferDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'notNow');
    return { dismissed: true };
  },
};
