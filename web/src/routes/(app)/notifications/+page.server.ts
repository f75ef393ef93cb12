import { redirect } from '@sveltejs/kit';
import { MarkNotificationsReadDocument, NotificationsDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failWith, loadError, requireUser, text } from '$lib/server/forms';
import { safeLocalPath } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(NotificationsDocument, { after, first: 30 }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  return {
    notifications: result.data.notifications.edges.map((edge) => edge.node),
    pageInfo: result.data.notifications.pageInfo,
    unread: result.data.unreadNotificationCount,
    paged: after !== undefined,
  };
};

export const actions: Actions = {
  /** Marks one notification read, then goes where it points (a path inside Kinship only). */
  open: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'id');
    const destination = safeLocalPath(text(data, 'url'), '/notifications');
    if (isUuid(id)) {
      const result = await request(MarkNotificationsReadDocument, { ids: [id] }, { token, event });
      if (result.error) return failWith(result.error, {}, '/notifications');
    }
    redirect(303, destination);
  },

  markAllRead: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(MarkNotificationsReadDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, '/notifications');
    return { marked: result.data.markNotificationsRead };
  },
};
