import { isHttpError } from '@sveltejs/kit';
import { UnreadCountDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals, url } = event;
  // Re-run on every navigation (and on invalidate('kinship:unread')) so the badges stay current.
  event.depends('kinship:unread');
  void url.pathname;

  let unreadCount = 0;
  let messageCount = 0;
  if (locals.user && locals.token) {
    try {
      const result = await request(UnreadCountDocument, {}, { token: locals.token, event });
      unreadCount = result.data?.unreadNotificationCount ?? 0;
      messageCount = result.data?.unreadConversationCount ?? 0;
    } catch (cause) {
      // An api outage must not take down the layout: the page itself explains what is wrong.
      if (!isHttpError(cause, 503)) throw cause;
    }
  }
  return { user: locals.user, unreadCount, messageCount };
};
