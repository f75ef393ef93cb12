import { apiUrl } from '$lib/server/graphql';
import type { RequestHandler } from './$types';

/**
 * The live unread count for the header badge. Browsers cannot send the session's bearer token to
 * the api, so the web server opens the api's stream with it and relays the events unchanged. When
 * the browser goes away the upstream request is aborted, so the api lets go of it too.
 */
export const GET: RequestHandler = async ({ locals, request }) => {
  if (!locals.user || !locals.token)
    return new Response('Sign in to see your notifications.', { status: 401 });

  const upstream = new AbortController();
  const abort = () => upstream.abort();
  request.signal.addEventListener('abort', abort, { once: true });

  let response: Response;
  try {
    response = await fetch(`${apiUrl()}/notifications/stream`, {
      headers: { authorization: `Bearer ${locals.token}`, accept: 'text/event-stream', 'x-request-id': locals.requestId },
      signal: upstream.signal,
    });
  } catch {
    request.signal.removeEventListener('abort', abort);
    // EventSource tries again by itself a few seconds later.
    return new Response('Kinship is having trouble reaching its server.', { status: 503 });
  }
  if (!response.ok || !response.body) {
    upstream.abort();
    request.signal.removeEventListener('abort', abort);
    return new Response(null, { status: response.status === 401 ? 401 : 502 });
  }

  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch {
        // The api went away (a restart or deploy): end the stream; EventSource reconnects.
        try {
          controller.close();
        } catch {
          // Already cancelled by the browser leaving.
        }
      }
    },
    cancel() {
      upstream.abort();
      request.signal.removeEventListener('abort', abort);
    },
  });

  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
};
