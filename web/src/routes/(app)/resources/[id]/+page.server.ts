import { error, redirect } from '@sveltejs/kit';
import {
  ApproveResourceDocument,
  ReportOutdatedDocument,
  ResourcePageDocument,
  SaveResourceDocument,
} from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { renewAction, RESOURCE_GONE } from '$lib/resources.server';
import { flagParams, sendFlag } from '$lib/server/flags';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, requireUser, text, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, RESOURCE_GONE);
  const result = await request(ResourcePageDocument, { id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const resource = result.data.resource;
  if (!resource) error(404, RESOURCE_GONE);
  const mine = result.data.myResources.some((r) => r.id === id);
  const staff = hasRole(user.role, 'MODERATOR');
  const search = event.url.searchParams;
  const flag = flagParams(event.url);
  return {
    resource,
    mine,
    staff,
    canManage: mine || staff,
    saved: result.data.savedResources.edges.some((edge) => edge.node.id === id),
    // The expiry notification links here with ?renew=1: the Renew button is highlighted.
    highlightRenew: search.get('renew') === '1',
    // The flag form (see $lib/flags): open for this posting (not for its author), or thanks.
    flagging: flag.flagging === id && !mine,
    flagged: flag.flagged === id,
    done: search.get('done'),
    now: new Date().toISOString(),
  };
};

function pathOf(id: string): string {
  return `/resources/${id}`;
}

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const saved = text(await event.request.formData(), 'saved') === 'true';
    const result = await request(SaveResourceDocument, { id, saved }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, RESOURCE_GONE);
      return failWith(result.error, {}, pathOf(id), 'save');
    }
    redirect(303, `${pathOf(id)}?done=${saved ? 'saved' : 'unsaved'}`);
  },

  report: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const typed = values(await event.request.formData(), ['note']);
    const result = await request(
      ReportOutdatedDocument,
      { id, note: optional(typed.note) },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, RESOURCE_GONE);
      return failWith(result.error, typed, pathOf(id), 'report');
    }
    redirect(303, `${pathOf(id)}?done=reported`);
  },

  flag: async (event) => {
    const id = event.params.id;
    const data = await event.request.formData();
    return sendFlag(event, data, { type: 'RESOURCE', id, page: pathOf(id), gone: RESOURCE_GONE });
  },

  renew: (event) => renewAction(event, event.params.id, pathOf(event.params.id)),

  approve: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const id = event.params.id;
    const result = await request(ApproveResourceDocument, { id }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, RESOURCE_GONE);
      return failWith(result.error, {}, pathOf(id), 'approve');
    }
    redirect(303, `${pathOf(id)}?done=approved`);
  },
};
