import { ConversationsDocument } from '@kinship/graphql';
import { CONVERSATIONS_PER_PAGE, KIND_TAGS, conversationTitle, messagePreview } from '$lib/messages';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import { MESSAGES_PATH } from '$lib/server/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(
    ConversationsDocument,
    { first: CONVERSATIONS_PER_PAGE, after },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const { edges, pageInfo } = result.data.conversations;
  return {
    // What the list shows, and no more: a line of plain text, not the messages' HTML.
    conversations: edges.map(({ node }) => ({
      id: node.id,
      title: conversationTitle(node.participants),
      tag: KIND_TAGS[node.kind],
      preview: messagePreview(node.lastMessage ?? null),
      lastMessageAt: node.lastMessageAt,
      unreadCount: node.unreadCount,
      muted: node.muted,
    })),
    requestCount: result.data.messageRequests.length,
    paged: after !== undefined,
    moreHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `${MESSAGES_PATH}?after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    left: event.url.searchParams.has('left'),
  };
};
