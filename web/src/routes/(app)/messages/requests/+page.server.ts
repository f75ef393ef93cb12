import { MessageRequestsDocument } from '@kinship/graphql';
import { FORMER_MEMBER, listNames } from '$lib/messages';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import { REQUESTS_PATH, respondToRequest } from '$lib/server/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MessageRequestsDocument, {}, { token, event });
  if (result.error) loadError(result.error, REQUESTS_PATH);
  return {
    requests: result.data.messageRequests.map((c) => {
      // Newest first: the oldest on the page is the message that asked.
      const messages = c.messages.edges.map((e) => e.node);
      const first = messages.at(-1) ?? null;
      const askedBy = first?.author?.displayName ?? FORMER_MEMBER;
      const others = c.participants.map((p) => p.user.displayName).filter((name) => name !== askedBy);
      return {
        id: c.id,
        askedBy,
        alsoWith: others.length > 0 ? listNames(others) : null,
        lastMessageAt: c.lastMessageAt,
        first:
          first && !first.removed
            ? { id: first.id, bodyHtml: first.bodyHtml, createdAt: first.createdAt }
            : null,
        more: messages.length > 1 || c.messages.pageInfo.hasNextPage,
      };
    }),
    declined: event.url.searchParams.has('declined'),
  };
};

export const actions: Actions = {
  respond: (event) => respondToRequest(event, REQUESTS_PATH),
};
