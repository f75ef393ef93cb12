import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { RespondToMessageRequestDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from './graphql';
import { failMessage, failWith, requireUser, text } from './forms';

export const MESSAGES_PATH = '/messages';
export const REQUESTS_PATH = '/messages/requests';

export const CONVERSATION_NOT_FOUND =
  "We couldn't find that conversation. You may have left it, or the link may be incomplete.";
export const REQUEST_GONE = 'That request is no longer waiting. It may have been withdrawn.';

export function conversationPath(id: string): string {
  return `${MESSAGES_PATH}/${id}`;
}

/** The api's names for the "To" field's inputs, as the new-message form calls it. */
export function recipientField(apiField: string): string {
  return apiField === 'recipientIds' || apiField === 'recipientNames' ? 'to' : apiField;
}

/**
 * Accepting or declining a message request, from the requests page or the conversation itself:
 * `conversationId` and `accept` ("true" or "false") in the form. Accepted, the member goes to the
 * conversation; declined, back to the requests with a word that it is done. A failure carries the
 * scope `respond:<id>`, so the page shows it beside that request.
 */
export async function respondToRequest(event: RequestEvent, back: string) {
  const { token } = requireUser(event.locals, event.url);
  const data = await event.request.formData();
  const conversationId = text(data, 'conversationId');
  const accept = text(data, 'accept') === 'true';
  const scope = `respond:${conversationId}`;
  if (!isUuid(conversationId)) return failMessage(404, REQUEST_GONE, {}, scope);
  const result = await request(RespondToMessageRequestDocument, { conversationId, accept }, { token, event });
  if (result.error) {
    if (result.error.code === 'NOT_FOUND') return failMessage(404, REQUEST_GONE, {}, scope);
    return failWith(result.error, {}, back, scope);
  }
  if (accept) redirect(303, `${conversationPath(conversationId)}?accepted=1`);
  redirect(303, `${REQUESTS_PATH}?declined=1`);
}

/** A conversation id from the route, or the "not found" page. */
export function conversationId(id: string): string {
  if (!isUuid(id)) error(404, CONVERSATION_NOT_FOUND);
  return id;
}
