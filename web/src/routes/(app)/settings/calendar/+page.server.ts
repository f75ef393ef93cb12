import { ResetCalendarLinkDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  requireUser(locals, url);
  return {};
};

export const actions: Actions = {
  reset: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(ResetCalendarLinkDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, '/settings/calendar');
    // The api answers with its own path (/calendar/<token>.ics); members subscribe at the web's
    // address, which passes the feed on (routes/calendar/[file]).
    const path = result.data.resetCalendarLink.url;
    const file = path.split('/').pop() ?? '';
    return { feedUrl: `${event.url.origin}/calendar/${file}` };
  },
};
