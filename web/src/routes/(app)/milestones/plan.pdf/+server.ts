import { MySafetyPlanDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import { planPdf } from '$lib/server/plan-pdf';
import type { RequestHandler } from './$types';

/** "Download as PDF": the member's plan on one page, made on the web server (pdfkit). */
export const GET: RequestHandler = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MySafetyPlanDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/milestones/plan');
  const pdf = await planPdf(result.data.mySafetyPlan);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="my-plan.pdf"',
      'cache-control': 'private, no-store',
    },
  });
};
