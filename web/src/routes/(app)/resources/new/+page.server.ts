import { redirect } from '@sveltejs/kit';
import { CreateResourceDocument, ResourceFormOptionsDocument } from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { EXPIRY_DEFAULT_DAYS, parseResourceForm, type ResourceFormValues } from '$lib/resources';
import { localProblem, readResourceForm, resourceProblem } from '$lib/resources.server';
import { request } from '$lib/server/graphql';
import { loadError, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const result = await request(ResourceFormOptionsDocument, {}, { token, event });
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const boards = result.data.resourceBoards;
  const wanted = event.url.searchParams.get('board');
  const values: ResourceFormValues = {
    boardId: boards.some((b) => b.id === wanted) ? (wanted as string) : '',
    title: '',
    organization: '',
    description: '',
    location: '',
    remote: '',
    url: '',
    tags: '',
    otherTags: '',
    contact: '',
    expiresInDays: String(EXPIRY_DEFAULT_DAYS),
  };
  return { values, boards, managedTags: result.data.resourceTags, staff: hasRole(user.role, 'MODERATOR') };
};

export const actions: Actions = {
  default: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const typed = readResourceForm(await event.request.formData());
    const parsed = parseResourceForm(typed, 'new');
    if (Object.keys(parsed.errors).length > 0) return localProblem(parsed.errors, typed);
    const { input } = parsed;
    const result = await request(
      CreateResourceDocument,
      {
        input: {
          boardId: typed.boardId,
          title: input.title,
          organization: input.organization,
          description: input.description || undefined,
          location: input.location || undefined,
          remote: input.remote,
          url: input.url || undefined,
          tags: input.tags,
          contact: input.contact || undefined,
          expiresInDays: input.expiresInDays,
        },
      },
      { token, event },
    );
    if (result.error) return resourceProblem(result.error, typed, '/resources/new');
    const created = result.data.createResource;
    redirect(
      303,
      `/resources/${created.id}?done=${created.status === 'PENDING_REVIEW' ? 'proposed' : 'created'}`,
    );
  },
};
