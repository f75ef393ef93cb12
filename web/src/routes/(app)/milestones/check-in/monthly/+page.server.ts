import { fail } from '@sveltejs/kit';
import { MonthlyCheckInPageDocument, SaveRecoveryCapitalDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text } from '$lib/server/forms';
import { BARC_ITEMS, choiceValue } from '$lib/check-ins';
import { todayIn } from '$lib/milestones';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/milestones/check-in/monthly';
const names = BARC_ITEMS.map((_, i) => `q${i + 1}`);

export const load: PageServerLoad = async (event) => {
  const { user, token } = requireUser(event.locals, event.url);
  const result = await request(MonthlyCheckInPageDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  const month = todayIn(result.data.me?.timeZone ?? user.timeZone).slice(0, 7);
  const checks = result.data.myRecoveryCapital;
  return {
    month,
    current: checks.find((c) => c.month === month) ?? null,
    checks,
    enabled: result.data.checkInSettings.enabled,
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = Object.fromEntries(names.map((n) => [n, text(data, n)]));
    const answers = names.map((n) => choiceValue(typed[n], 1, 6));
    const errors: Record<string, string> = {};
    answers.forEach((a, i) => {
      if (a === null) errors[names[i]] = 'Choose how much you agree.';
    });
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please answer every statement.', errors, values: typed });
    }
    const result = await request(
      SaveRecoveryCapitalDocument,
      { answers: answers as number[] },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, PATH);
    return { saved: result.data.saveRecoveryCapital };
  },
};
