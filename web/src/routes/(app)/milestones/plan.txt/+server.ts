import { MySafetyPlanDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import { planText } from '$lib/recovery/safety-plan';
import type { RequestHandler } from './$types';

/** "Download as text": the member's plan as plain UTF-8 text, made on the server. */
export const GET: RequestHandler = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MySafetyPlanDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/milestones/plan');
  return new Response(planText(result.data.mySafetyPlan), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': 'attachment; filename="my-plan.txt"',
      'cache-control': 'private, no-store',
    },
  });
};
