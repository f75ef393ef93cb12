import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  AddModeratorNoteDocument,
  MemberModerationHistoryDocument,
  SuspendUserDocument,
  WarnUserDocument,
} from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { isoToZoned, zonedToIso } from '$lib/datetime';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, values } from '$lib/server/forms';
import { fieldProblem, requireModerator } from '$lib/server/moderation';
import { memberNames } from '$lib/server/names';
import type { Actions, PageServerLoad, RouteParams } from './$types';

const NOT_FOUND = "We couldn't find that member. They may have left Kinship.";
const WEEK_MS = 7 * 86_400_000;

export const load: PageServerLoad = async (event) => {
  const { token, user: viewer } = requireModerator(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const result = await request(MemberModerationHistoryDocument, { userId: id }, { token, event });
  if (result.error) {
    if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
    loadError(result.error, event.url.pathname);
  }
  const member = result.data.user;
  if (!member) error(404, NOT_FOUND);
  const history = result.data.memberModerationHistory;
  const names = await memberNames(
    [...history.actions.map((a) => a.moderatorId), ...history.notes.map((n) => n.authorId)],
    { token, event },
  );
  // Moderators act on members; only admins on moderators; nobody on an admin or on themself.
  const canAct = member.id !== viewer.id && !hasRole(member.role, viewer.role);
  return {
    member,
    history,
    names,
    canAct,
    viewerTimeZone: viewer.timeZone ?? 'UTC',
    suggestedUntil: isoToZoned(new Date(Date.now() + WEEK_MS), viewer.timeZone),
    done: event.url.searchParams.get('done'),
  };
};

type MemberEvent = RequestEvent<RouteParams, '/(app)/moderation/members/[id]'>;

async function start(event: MemberEvent) {
  const session = requireModerator(event.locals, event.url);
  const userId = event.params.id;
  if (!isUuid(userId)) error(404, NOT_FOUND);
  return { ...session, userId, data: await event.request.formData(), path: `/moderation/members/${userId}` };
}

export const actions: Actions = {
  note: async (event) => {
    const { token, userId, data, path } = await start(event);
    const typed = values(data, ['text']);
    if (!optional(typed.text)) return fieldProblem('text', 'Please write the note first.', typed, 'note');
    const result = await request(AddModeratorNoteDocument, { userId, text: typed.text }, { token, event });
    if (result.error) return failWith(result.error, typed, path, 'note');
    redirect(303, `${path}?done=note#notes`);
  },

  warn: async (event) => {
    const { token, userId, data, path } = await start(event);
    const typed = values(data, ['reason']);
    if (!optional(typed.reason)) {
      return fieldProblem('reason', 'Please give a reason: the member will be told it.', typed, 'warn');
    }
    const result = await request(WarnUserDocument, { userId, reason: typed.reason }, { token, event });
    if (result.error) return failWith(result.error, typed, path, 'warn');
    redirect(303, `${path}?done=warn`);
  },

  suspend: async (event) => {
    const { token, user, userId, data, path } = await start(event);
    const typed = values(data, ['until', 'reason']);
    const until = zonedToIso(typed.until, user.timeZone);
    if (!until) {
      return fieldProblem('until', 'Please give the date and time the suspension ends.', typed, 'suspend');
    }
    if (!optional(typed.reason)) {
      return fieldProblem('reason', 'Please give a reason: the member will be told it.', typed, 'suspend');
    }
    const result = await request(
      SuspendUserDocument,
      { userId, until, reason: typed.reason },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, path, 'suspend');
    redirect(303, `${path}?done=suspend`);
  },
};
