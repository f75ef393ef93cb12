import { fail } from '@sveltejs/kit';
import { UnsubscribeDocument } from '@kinship/graphql';
import { unsubscribeLabel } from '$lib/notifications';
import { request } from '$lib/server/graphql';
import { text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const INVALID =
  "This link doesn't work any more, or it was cut short when it was copied. You can choose which emails you get in your notification settings.";

/**
 * One-click unsubscribe, no sign-in needed. GET only asks (mail scanners follow links, so opening the
 * page changes nothing); the button, or a mail provider's RFC 8058 POST
 * (`List-Unsubscribe=One-Click`), does it.
 */
export const load: PageServerLoad = ({ url }) => {
  const token = url.searchParams.get('token') ?? '';
  return { token, label: unsubscribeLabel(token), valid: token !== '' && token.length <= 300 };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData().catch(() => new FormData());
    // The link's own token (RFC 8058 posts to the List-Unsubscribe address as it is), or the form's.
    const token = event.url.searchParams.get('token') || text(data, 'token');
    if (!token) return fail(400, { message: INVALID });
    const result = await request(UnsubscribeDocument, { token }, { event });
    if (result.error) {
      return fail(result.error.code === 'BAD_USER_INPUT' ? 400 : 503, {
        message: result.error.code === 'BAD_USER_INPUT' ? INVALID : result.error.message,
      });
    }
    return { done: true, label: result.data.unsubscribe.label };
  },
};
