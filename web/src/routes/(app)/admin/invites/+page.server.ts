import { error } from '@sveltejs/kit';
import { CreateInviteDocument, InvitesDocument, RevokeInviteDocument, type Role } from '@kinship/graphql';
import { LIMITS, ROLES } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, requireUser, text, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ADMINS_ONLY =
  'Invites are managed by the program team. If you think you should be able to see this page, ask an admin.';

function requireAdmin(locals: App.Locals, url: URL) {
  const session = requireUser(locals, url);
  if (session.user.role !== 'ADMIN') error(403, ADMINS_ONLY);
  return session;
}

export const load: PageServerLoad = async (event) => {
  const { token } = requireAdmin(event.locals, event.url);
  const after = event.url.searchParams.get('after') || undefined;
  const result = await request(InvitesDocument, { after, first: 50 }, { token, event });
  if (result.error) loadError(result.error, '/admin/invites');
  return {
    invites: result.data.invites.edges.map((edge) => edge.node),
    pageInfo: result.data.invites.pageInfo,
    paged: after !== undefined,
  };
};

export const actions: Actions = {
  create: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const data = await event.request.formData();
    const typed = values(data, ['email', 'role', 'expiresInDays']);
    const role = (ROLES as readonly string[]).includes(typed.role) ? (typed.role as Role) : undefined;
    const days = /^\s*\d{1,4}\s*$/.test(typed.expiresInDays) ? Number(typed.expiresInDays) : NaN;
    if (!role || !Number.isInteger(days) || days < LIMITS.inviteDaysMin || days > LIMITS.inviteDaysMax) {
      const errors: Record<string, string> = {};
      if (!role) errors.role = 'Choose a role for the new member.';
      if (!(days >= LIMITS.inviteDaysMin && days <= LIMITS.inviteDaysMax)) {
        errors.expiresInDays = `Expires in must be a whole number of days from ${LIMITS.inviteDaysMin} to ${LIMITS.inviteDaysMax}.`;
      }
      return failWith({ code: 'BAD_USER_INPUT', message: Object.values(errors)[0], fields: errors }, typed);
    }

    const result = await request(
      CreateInviteDocument,
      { input: { email: optional(typed.email), role, expiresInDays: days } },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, '/admin/invites');
    const invite = result.data.createInvite;
    const code = invite.code ?? '';
    return {
      created: {
        code,
        role: invite.role,
        email: invite.email,
        expiresAt: invite.expiresAt,
        registerUrl: `${event.url.origin}/register?code=${encodeURIComponent(code)}`,
      },
    };
  },

  revoke: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const id = text(await event.request.formData(), 'id');
    if (!isUuid(id))
      return failWith({ code: 'NOT_FOUND', message: 'That invite could not be found.', fields: {} }, {});
    const result = await request(RevokeInviteDocument, { id }, { token, event });
    if (result.error) return failWith(result.error, {}, '/admin/invites');
    return { revoked: { codeHint: result.data.revokeInvite.codeHint } };
  },
};
