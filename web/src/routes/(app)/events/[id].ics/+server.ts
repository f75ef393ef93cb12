import { error } from '@sveltejs/kit';
import { isUuid } from '$lib/ids';
import { apiUrl } from '$lib/server/graphql';
import { requireUser } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/**
 * "Add to calendar": the api's `GET /events/<id>.ics`, fetched with the member's session and
 * passed on as it comes (the address is in it only when the member may see it).
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
  const { token } = requireUser(locals, url);
  if (!isUuid(params.id)) error(404, "We couldn't find that event.");
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}/events/${params.id}.ics`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/calendar', 'x-request-id': locals.requestId },
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    error(503, 'Kinship is having trouble reaching its server. Please try again in a minute.');
  }
  if (response.status === 404) error(404, "We couldn't find that event. It may have been removed.");
  if (!response.ok || !response.body)
    error(502, 'The calendar file could not be made just now. Please try again.');
  return new Response(response.body, {
    status: 200,
    headers: {
      'content-type': response.headers.get('content-type') ?? 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="kinship-event.ics"',
      'cache-control': 'private, no-store',
    },
  });
};
