import { redirect, type RequestEvent } from '@sveltejs/kit';
import { FlagDocument, type FlagTargetType } from '@kinship/graphql';
import { FLAG_PARAM, FLAGGED_PARAM, flaggedHref, flagHref, flagScope } from '$lib/flags';
import { isUuid } from '$lib/ids';
import { isFlagReason } from '$lib/moderation';
import { failMessage, failWith, optional, requireUser, values } from './forms';
import { request } from './graphql';
import { fieldProblem } from './moderation';

/**
 * What the page's address asks of the flag form (see `$lib/flags`): the target whose form is open
 * (`?flag=<id>`) and the target just flagged (`?flagged=<id>`), each only when it is an id at all.
 */
export function flagParams(url: URL): { flagging: string | null; flagged: string | null } {
  const id = (name: string) => {
    const value = url.searchParams.get(name);
    return value && isUuid(value) ? value : null;
  };
  return { flagging: id(FLAG_PARAM), flagged: id(FLAGGED_PARAM) };
}

export interface FlagTarget {
  type: FlagTargetType;
  id: string;
  /** The page the member flagged from (it may carry a query and a hash): where they go back to. */
  page: string;
  /** Said when `id` cannot be a target at all ("That post is no longer available."). */
  gone: string;
}

/**
 * The flag action of every page with the flag form: checks the reason, sends the flag, and sends
 * the member back to `page` with `?flagged=<id>`. A try that did not go through comes back with
 * the scope `flag:<id>` and what they chose and wrote.
 */
export async function sendFlag(event: RequestEvent, data: FormData, target: FlagTarget) {
  const { token, user } = requireUser(event.locals, event.url);
  const scope = flagScope(target.id);
  const typed = values(data, ['reason', 'note']);
  if (!isUuid(target.id)) return failMessage(404, target.gone, typed, scope);
  if (target.type === 'USER' && target.id === user.id) {
    return failMessage(400, "You can't flag your own profile.", typed, scope);
  }
  if (!isFlagReason(typed.reason)) {
    return fieldProblem('reason', 'Please choose what you would like the moderators to know.', typed, scope);
  }
  const result = await request(
    FlagDocument,
    {
      input: {
        targetType: target.type,
        targetId: target.id,
        reason: typed.reason,
        note: optional(typed.note),
      },
    },
    { token, event },
  );
  // A lapsed session comes back to the open form after signing in again.
  if (result.error) return failWith(result.error, typed, flagHref(target.page, target.id), scope);
  redirect(303, flaggedHref(target.page, target.id));
}
