import { redirect } from '@sveltejs/kit';
import {
  AppealContextDocument,
  AppealsDocument,
  DecideAppealDocument,
  type AppealStatus,
  type ModerationActionFieldsFragment,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, optional, text, values } from '$lib/server/forms';
import { fieldProblem, requireModerator } from '$lib/server/moderation';
import { memberNames } from '$lib/server/names';
import type { Actions, PageServerLoad } from './$types';

const STATUSES: readonly AppealStatus[] = ['PENDING', 'UPHELD', 'DENIED'];

export const load: PageServerLoad = async (event) => {
  const { token, user: viewer } = requireModerator(event.locals, event.url);
  const options = { token, event };
  const wanted = event.url.searchParams.get('status') ?? 'PENDING';
  const status = (STATUSES as readonly string[]).includes(wanted) ? (wanted as AppealStatus) : 'PENDING';
  const result = await request(AppealsDocument, { status }, options);
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const appeals = result.data.appeals;

  // An appeal carries ids only: the decision appealed is found in the appellant's history (one
  // request per appellant, side by side).
  const appellants = [...new Set(appeals.map((a) => a.appellantId))];
  const contexts = await Promise.all(
    appellants.map(async (userId) => {
      const context = await request(AppealContextDocument, { userId }, options);
      return [userId, context.data] as const;
    }),
  );
  const byAppellant = new Map(contexts);
  const decisions: Record<string, ModerationActionFieldsFragment | null> = {};
  const appellantNames: Record<string, string> = {};
  for (const appeal of appeals) {
    const context = byAppellant.get(appeal.appellantId);
    if (context?.user) appellantNames[appeal.appellantId] = context.user.displayName;
    decisions[appeal.id] =
      context?.memberModerationHistory.actions.find((action) => action.id === appeal.actionId) ?? null;
  }
  const names = await memberNames(
    Object.values(decisions).flatMap((d) => (d ? [d.moderatorId, d.targetUserId] : [])),
    options,
  );
  return {
    status,
    appeals,
    decisions,
    names: { ...names, ...appellantNames },
    viewerId: viewer.id,
    done: event.url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  decide: async (event) => {
    const { token } = requireModerator(event.locals, event.url);
    const data = await event.request.formData();
    const appealId = text(data, 'appealId');
    const scope = `appeal:${appealId}`;
    const typed = values(data, ['reason']);
    const decision = text(data, 'upheld');
    if (!isUuid(appealId)) return failMessage(404, 'That appeal could not be found.', typed, scope);
    if (decision !== 'true' && decision !== 'false') {
      return failMessage(400, 'Please choose to uphold or deny the appeal.', typed, scope);
    }
    const reason = optional(typed.reason);
    if (!reason) {
      return fieldProblem('reason', 'Please give a reason: the member will be told it.', typed, scope);
    }
    const upheld = decision === 'true';
    const result = await request(DecideAppealDocument, { appealId, upheld, reason }, { token, event });
    if (result.error) return failWith(result.error, typed, '/moderation/appeals', scope);
    redirect(303, `/moderation/appeals?done=${upheld ? 'upheld' : 'denied'}`);
  },
};
