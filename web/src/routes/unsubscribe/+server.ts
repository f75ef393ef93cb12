import { UnsubscribeDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import type { RequestHandler } from './$types';

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/**
 * RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` to the link in
 * the email's List-Unsubscribe header, without a session and without asking for HTML. (A browser's
 * form post asks for HTML and goes to the page's default action instead.) Answers 200 when done.
 */
export const POST: RequestHandler = async (event) => {
  let token = event.url.searchParams.get('token') ?? '';
  if (!token) {
    const data = await event.request.formData().catch(() => null);
    const posted = data?.get('token');
    token = typeof posted === 'string' ? posted : '';
  }
  if (!token) return new Response('This unsubscribe link is incomplete.', { status: 400, headers: TEXT });
  const result = await request(UnsubscribeDocument, { token }, { event });
  if (result.error) {
    return result.error.code === 'BAD_USER_INPUT'
      ? new Response('This unsubscribe link is not valid.', { status: 400, headers: TEXT })
      : new Response('Please try again in a moment.', { status: 503, headers: TEXT });
  }
  return new Response("Done. You won't get these emails any more.", { status: 200, headers: TEXT });
};
