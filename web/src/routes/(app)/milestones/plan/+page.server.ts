import { redirect } from '@sveltejs/kit';
import { MySafetyPlanDocument, SaveSafetyPlanDocument } from '@kinship/graphql';
import { planItemsFromText, SAFETY_PLAN_STEP_KEYS, type SafetyPlanStep } from '@kinship/shared';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/milestones/plan';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MySafetyPlanDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  const plan = result.data.mySafetyPlan;
  return {
    plan,
    // Never saved: straight to writing it. Otherwise the plan itself, with an Edit link (?edit).
    editing: event.url.searchParams.has('edit') || plan.updatedAt === null,
    saved: event.url.searchParams.has('saved'),
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = values(data, SAFETY_PLAN_STEP_KEYS);
    const input = Object.fromEntries(
      SAFETY_PLAN_STEP_KEYS.map((key) => [key, planItemsFromText(text(data, key))]),
    ) as Record<SafetyPlanStep, string[]>;
    const result = await request(SaveSafetyPlanDocument, { input }, { token, event });
    if (result.error) return failWith(result.error, typed, PATH, 'save');
    redirect(303, `${PATH}?saved=1`);
  },
};
