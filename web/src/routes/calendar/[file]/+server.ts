import { error } from '@sveltejs/kit';
import { apiUrl } from '$lib/server/graphql';
import type { RequestHandler } from './$types';

/**
 * A member's private calendar feed, at the web's own address: calendar apps subscribe to
 * `/calendar/<token>.ics` here, and this passes the api's feed on. No session: the token in the
 * link is the key. (Needs '/calendar' among the public paths in $lib/server/session.)
 */
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!/^[A-Za-z0-9_-]{16,200}\.ics$/.test(params.file)) {
    error(404, 'This calendar link is not valid. Make a new one in Kinship.');
  }
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}/calendar/${params.file}`, {
      headers: { accept: 'text/calendar', 'x-request-id': locals.requestId },
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    error(503, 'Kinship is having trouble reaching its server. Please try again in a minute.');
  }
  if (response.status === 404) error(404, 'This calendar link is not valid. Make a new one in Kinship.');
  if (!response.ok || !response.body)
    error(502, 'The calendar could not be made just now. Please try again.');
  return new Response(response.body, {
    status: 200,
    headers: {
      'content-type': response.headers.get('content-type') ?? 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="kinship.ics"',
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
    },
  });
};
