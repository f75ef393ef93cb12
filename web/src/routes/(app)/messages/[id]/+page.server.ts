import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  ConversationPageDocument,
  DeleteMessageDocument,
  LeaveConversationDocument,
  MarkConversationReadDocument,
  MuteConversationDocument,
  ReportConversationDocument,
  SendMessageDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import {
  FORMER_MEMBER,
  KIND_TAGS,
  MESSAGES_PER_PAGE,
  conversationTitle,
  participantNotes,
} from '$lib/messages';
import { isFlagReason } from '$lib/moderation';
import { request } from '$lib/server/graphql';
import {
  failFields,
  failMessage,
  failWith,
  list,
  loadError,
  optional,
  requireUser,
  text,
  values,
} from '$lib/server/forms';
import {
  CONVERSATION_NOT_FOUND,
  MESSAGES_PATH,
  conversationId,
  conversationPath,
  respondToRequest,
} from '$lib/server/messages';
import { fieldProblem } from '$lib/server/moderation';
import { planIfSignedIn } from '$lib/server/safety-net';
import { safeLocalPath } from '$lib/server/session';
import type { Actions, PageServerLoad, RouteParams } from './$types';

const MESSAGE_GONE = 'That message is no longer available.';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const id = conversationId(event.params.id);
  const search = event.url.searchParams;
  const after = search.get('after') || undefined;
  const next = event.url.pathname + event.url.search;

  // Opening the conversation reads it (and its notifications), before the page and the badge load.
  const read = await request(MarkConversationReadDocument, { id }, { token, event });
  if (read.error) {
    if (read.error.code === 'NOT_FOUND') error(404, CONVERSATION_NOT_FOUND);
    loadError(read.error, next);
  }
  const result = await request(
    ConversationPageDocument,
    { id, first: MESSAGES_PER_PAGE, after },
    { token, event },
  );
  if (result.error) loadError(result.error, next);
  const conversation = result.data.conversation;
  if (!conversation) error(404, CONVERSATION_NOT_FOUND);

  // Newest first from the api; on screen the oldest comes first, as people read a conversation.
  const messages = conversation.messages.edges
    .map(({ node }) => ({
      id: node.id,
      bodyHtml: node.bodyHtml ?? null,
      removed: node.removed,
      heldForReview: node.heldForReview,
      mine: node.mine,
      createdAt: node.createdAt,
      authorName: node.author?.displayName ?? FORMER_MEMBER,
    }))
    .reverse();

  // Reporting, also without JavaScript: ?report opens the form, ?report=<id> with that message ticked.
  const reportable = messages.filter((m) => !m.mine && !m.removed);
  const reportParam = search.get('report');
  const report =
    reportParam === null || reportable.length === 0
      ? null
      : { chosen: reportable.some((m) => m.id === reportParam) ? [reportParam] : [] };

  const pageQuery = after ? `after=${encodeURIComponent(after)}` : '';
  const { pageInfo } = conversation.messages;
  return {
    conversation: {
      id: conversation.id,
      title: conversationTitle(conversation.participants),
      tag: KIND_TAGS[conversation.kind],
      muted: conversation.muted,
      isRequest: conversation.isRequest,
      sendState: conversation.sendState,
      notes: participantNotes(conversation.participants, conversation.startedByMe),
      // Who asked, for a request: the author of its first message.
      askedBy: conversation.isRequest ? (messages[0]?.authorName ?? null) : null,
    },
    messages,
    reportable,
    report,
    pageQuery,
    earlierHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `${conversationPath(id)}?after=${encodeURIComponent(pageInfo.endCursor)}`
        : null,
    latestHref: after ? `${conversationPath(id)}#latest` : null,
    atStart: !pageInfo.hasNextPage,
    reported: search.has('reported'),
    accepted: search.has('accepted'),
    // The badge, read after this conversation was marked read (the layout's was read alongside).
    messageCount: result.data.unreadConversationCount,
  };
};

type ConversationEvent = RequestEvent<RouteParams, '/(app)/messages/[id]'>;

/** Where a small action goes back to: the page it came from (this conversation only), else the conversation. */
function back(event: ConversationEvent, data: FormData): string {
  const path = conversationPath(event.params.id);
  const wanted = safeLocalPath(text(data, 'returnTo'), path);
  return wanted === path || wanted.startsWith(`${path}?`) || wanted.startsWith(`${path}#`) ? wanted : path;
}

export const actions: Actions = {
  send: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = conversationId(event.params.id);
    const data = await event.request.formData();
    const typed = values(data, ['body']);
    if (!typed.body.trim()) {
      return failFields('Please check the form below.', { body: 'Write something before sending.' }, typed);
    }
    const result = await request(
      SendMessageDocument,
      { input: { conversationId: id, body: typed.body } },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, CONVERSATION_NOT_FOUND);
      return failWith(result.error, typed, conversationPath(id));
    }
    const href = `${conversationPath(id)}#latest`;
    if (result.data.sendMessage.safetyResources.length > 0) {
      // What they wrote reads as a crisis: it is sent; help comes first, then the conversation.
      return {
        sent: { href },
        safetyResources: result.data.sendMessage.safetyResources,
        plan: await planIfSignedIn(event),
      };
    }
    redirect(303, href);
  },

  deleteMessage: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const messageId = text(data, 'messageId');
    const scope = `message:${messageId}`;
    const returnTo = back(event, data);
    if (!isUuid(messageId)) return failMessage(404, MESSAGE_GONE, {}, scope);
    const result = await request(DeleteMessageDocument, { id: messageId }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') return failMessage(404, MESSAGE_GONE, {}, scope);
      return failWith(result.error, {}, returnTo, scope);
    }
    redirect(303, returnTo);
  },

  mute: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = conversationId(event.params.id);
    const data = await event.request.formData();
    const muted = text(data, 'muted') === 'true';
    const result = await request(MuteConversationDocument, { id, muted }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, CONVERSATION_NOT_FOUND);
      return failWith(result.error, {}, conversationPath(id), 'tools');
    }
    redirect(303, back(event, data));
  },

  leave: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = conversationId(event.params.id);
    const result = await request(LeaveConversationDocument, { id }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, CONVERSATION_NOT_FOUND);
      return failWith(result.error, {}, conversationPath(id), 'tools');
    }
    redirect(303, `${MESSAGES_PATH}?left=1`);
  },

  report: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = conversationId(event.params.id);
    const data = await event.request.formData();
    const messageIds = list(data, 'messageIds').filter(isUuid);
    const typed = { ...values(data, ['reason', 'note']), messageIds: messageIds.join(',') };
    const scope = 'report';
    if (messageIds.length === 0) {
      return fieldProblem('messageIds', 'Choose at least one message to report.', typed, scope);
    }
    if (!isFlagReason(typed.reason)) {
      return fieldProblem(
        'reason',
        'Please choose what you would like the moderators to know.',
        typed,
        scope,
      );
    }
    const returnTo = back(event, data);
    const result = await request(
      ReportConversationDocument,
      { input: { conversationId: id, messageIds, reason: typed.reason, note: optional(typed.note) } },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, CONVERSATION_NOT_FOUND);
      return failWith(result.error, typed, returnTo, scope);
    }
    const url = new URL(returnTo, 'http://kinship.invalid');
    url.searchParams.delete('report');
    url.searchParams.set('reported', '1');
    redirect(303, `${url.pathname}${url.search}#reported`);
  },

  respond: (event) => respondToRequest(event, conversationPath(event.params.id)),
};
