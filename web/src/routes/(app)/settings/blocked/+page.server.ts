import { BlockedUsersDocument, UnblockUserDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(BlockedUsersDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/settings/blocked');
  return { blocked: result.data.blockedUsers };
};

export const actions: Actions = {
  unblock: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const userId = text(data, 'userId');
    const name = text(data, 'name').slice(0, 60);
    if (!isUuid(userId)) return failMessage(404, "We couldn't find that member.", {});
    const result = await request(UnblockUserDocument, { userId }, { token, event });
    if (result.error) return failWith(result.error, {}, '/settings/blocked');
    return { unblocked: name || 'That member' };
  },
};
