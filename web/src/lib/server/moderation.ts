import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { AcknowledgeCaseDocument, MessageCaseMemberDocument, ModerateDocument } from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { isModerateAction } from '$lib/moderation';
import { withParam } from '$lib/paths';
import { request } from './graphql';
import { failMessage, failWith, optional, requireUser, text, values, type FormProblem } from './forms';
import { safeLocalPath } from './session';

export const MODERATORS_ONLY =
  "The moderation pages are for Kinship's moderators. If you think you should be able to see them, ask the program team.";
export const ADMINS_ONLY =
  'These settings are for the program team. If you think you should be able to change them, ask an admin.';

/** The signed-in moderator (or admin), or the "not open to you" page. */
export function requireModerator(locals: App.Locals, url: URL) {
  const session = requireUser(locals, url);
  if (!hasRole(session.user.role, 'MODERATOR')) error(403, MODERATORS_ONLY);
  return session;
}

export function requireAdmin(locals: App.Locals, url: URL) {
  const session = requireUser(locals, url);
  if (session.user.role !== 'ADMIN') error(403, ADMINS_ONLY);
  return session;
}

/** A failed action with one field at fault (checked here before asking the api). */
export function fieldProblem(
  field: string,
  message: string,
  typed: Record<string, string>,
  scope?: string,
): ActionFailure<FormProblem> {
  return fail(400, { message, errors: { [field]: message }, values: typed, ...(scope ? { scope } : {}) });
}

const CASE_GONE = 'That case could not be found. It may have been closed by another moderator.';

/**
 * Where a case action goes back to: the queue or a case page, as the form says (local paths
 * under /moderation only).
 */
function caseReturn(data: FormData): string {
  const wanted = safeLocalPath(text(data, 'returnTo'), '/moderation');
  return wanted === '/moderation' || wanted.startsWith('/moderation?') || wanted.startsWith('/moderation/')
    ? wanted
    : '/moderation';
}

/**
 * The queue's and the case page's actions. `moderate`: dismiss, hide, remove, restore or approve,
 * with the reason the author is told; `acknowledge`: "I'm on it"; `messageMember`: from a crisis
 * or support case, open (or reopen) a private conversation with its member, in one step.
 */
export const caseActions = {
  moderate: async (event: RequestEvent) => {
    const { token } = requireModerator(event.locals, event.url);
    const data = await event.request.formData();
    const caseId = text(data, 'caseId');
    const action = text(data, 'action');
    const scope = `case:${caseId}`;
    const typed = values(data, ['reason']);
    const back = caseReturn(data);
    if (!isUuid(caseId)) return failMessage(404, CASE_GONE, typed, scope);
    if (!isModerateAction(action)) return failMessage(400, 'Please choose one of the actions.', typed, scope);
    const reason = optional(typed.reason);
    if ((action === 'HIDE' || action === 'REMOVE') && !reason) {
      return fieldProblem('reason', 'Please give a reason: the member will be told it.', typed, scope);
    }
    const result = await request(ModerateDocument, { input: { caseId, action, reason } }, { token, event });
    if (result.error) return failWith(result.error, typed, back, scope);
    // The notice names what was acted on: a post (most cases) or a private message.
    const done = withParam(back, 'done', action);
    redirect(303, text(data, 'item') === 'message' ? withParam(done, 'item', 'message') : done);
  },

  messageMember: async (event: RequestEvent) => {
    const { token } = requireModerator(event.locals, event.url);
    const data = await event.request.formData();
    const caseId = text(data, 'caseId');
    const scope = `case:${caseId}`;
    const back = caseReturn(data);
    if (!isUuid(caseId)) return failMessage(404, CASE_GONE, {}, scope);
    const result = await request(MessageCaseMemberDocument, { caseId }, { token, event });
    if (result.error) return failWith(result.error, {}, back, scope);
    redirect(303, `/messages/${result.data.messageCaseMember}#composer`);
  },

  acknowledge: async (event: RequestEvent) => {
    const { token } = requireModerator(event.locals, event.url);
    const data = await event.request.formData();
    const caseId = text(data, 'caseId');
    const scope = `case:${caseId}`;
    const back = caseReturn(data);
    if (!isUuid(caseId)) return failMessage(404, CASE_GONE, {}, scope);
    const result = await request(AcknowledgeCaseDocument, { caseId }, { token, event });
    if (result.error) return failWith(result.error, {}, back, scope);
    redirect(303, withParam(back, 'done', 'ACKNOWLEDGE'));
  },
};
