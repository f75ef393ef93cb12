import { error, redirect } from '@sveltejs/kit';
import { ResourceForEditDocument, UpdateResourceDocument } from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { parseResourceForm, tagsForForm, type ResourceFormValues } from '$lib/resources';
import { localProblem, readResourceForm, RESOURCE_GONE, resourceProblem } from '$lib/resources.server';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NOT_YOURS = 'Only the person who shared this posting, or a moderator, can change it.';

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, RESOURCE_GONE);
  const result = await request(ResourceForEditDocument, { id }, { token, event });
  if (result.error) loadError(result.error, event.url.pathname);
  const resource = result.data.resource;
  if (!resource) error(404, RESOURCE_GONE);
  const mine = result.data.myResources.some((r) => r.id === id);
  const staff = hasRole(user.role, 'MODERATOR');
  if (!mine && !staff) error(403, NOT_YOURS);
  const managedTags = result.data.resourceTags;
  const values: ResourceFormValues = {
    boardId: resource.board.id,
    title: resource.title,
    organization: resource.organization,
    description: resource.description,
    location: resource.location ?? '',
    remote: resource.remote ? 'on' : '',
    url: resource.url ?? '',
    ...tagsForForm(resource.tags, managedTags),
    contact: resource.contact ?? '',
    expiresInDays: '',
  };
  return { resource, values, boards: result.data.resourceBoards, managedTags, staff };
};

export const actions: Actions = {
  default: async (event) => {
    const { token, user } = requireUser(event.locals, event.url);
    const id = event.params.id;
    if (!isUuid(id)) error(404, RESOURCE_GONE);
    const typed = readResourceForm(await event.request.formData());
    const parsed = parseResourceForm(typed, 'edit');
    if (Object.keys(parsed.errors).length > 0) return localProblem(parsed.errors, typed);
    const { input } = parsed;
    const result = await request(
      UpdateResourceDocument,
      {
        id,
        input: {
          title: input.title,
          organization: input.organization,
          description: input.description,
          location: input.location,
          remote: input.remote,
          url: input.url,
          tags: input.tags,
          contact: input.contact,
          expiresInDays: input.expiresInDays,
        },
      },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, RESOURCE_GONE);
      return resourceProblem(result.error, typed, `/resources/${id}/edit`);
    }
    const review = result.data.updateResource.status === 'PENDING_REVIEW' && !hasRole(user.role, 'MODERATOR');
    redirect(303, `/resources/${id}?done=${review ? 'updated-review' : 'updated'}`);
  },
};
