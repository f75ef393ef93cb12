import { isHttpError, redirect, type RequestEvent } from '@sveltejs/kit';
import { MySafetyPlanDocument, ReachOutDocument, type SafetyPlanFieldsFragment } from '@kinship/graphql';
import { withParam } from '$lib/paths';
import { request } from './graphql';
import { failWith, requireUser, text } from './forms';
import { safeLocalPath } from './session';

export const PEOPLE_PATH = '/milestones/people';

/**
 * The signed-in member's plan for pages that must render whatever happens (the help page, the
 * crisis panel): null when signed out, or when the api cannot answer just now.
 */
export async function planIfSignedIn(event: RequestEvent): Promise<SafetyPlanFieldsFragment | null> {
  const { locals } = event;
  if (!locals.user || !locals.token) return null;
  try {
    const result = await request(MySafetyPlanDocument, {}, { token: locals.token, event });
    return result.data?.mySafetyPlan ?? null;
  } catch (cause) {
    if (isHttpError(cause, 503)) return null;
    throw cause;
  }
}

/**
 * `/milestones/people?/reachOut`, posted from any page (the help page, the plan, the crisis
 * panel). It always goes back to the page it came from (`returnTo`, a local path) with
 * `?reachOut=sent|wait|nopeople`, so the answer shows there with or without JavaScript.
 */
export async function reachOutAction(event: RequestEvent) {
  const { token } = requireUser(event.locals, event.url);
  const data = await event.request.formData();
  const back = safeLocalPath(text(data, 'returnTo'), PEOPLE_PATH);
  const result = await request(ReachOutDocument, {}, { token, event });
  if (result.error) {
    if (result.error.code === 'RATE_LIMITED') {
      const minutes = Math.max(1, Math.ceil((result.error.retryAfterSeconds ?? 600) / 60));
      redirect(303, withParam(withParam(back, 'reachOut', 'wait'), 'minutes', String(minutes)));
    }
    if (result.error.code === 'CONFLICT') redirect(303, withParam(back, 'reachOut', 'nopeople'));
    return failWith(result.error, {}, back, 'reachOut');
  }
  redirect(303, `${withParam(back, 'reachOut', 'sent')}#reach-out`);
}
