import { redirect } from '@sveltejs/kit';
import { CategoriesDocument, CreateThreadDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(CategoriesDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/new');
  const wanted = event.url.searchParams.get('category') ?? '';
  return {
    categories: result.data.categories,
    categoryId: result.data.categories.some((c) => c.id === wanted) ? wanted : '',
  };
};

export const actions: Actions = {
  create: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = values(data, ['categoryId', 'title', 'body', 'contentWarning']);
    const result = await request(
      CreateThreadDocument,
      {
        input: {
          categoryId: typed.categoryId,
          title: typed.title.trim(),
          body: typed.body,
          contentWarning: optional(typed.contentWarning),
        },
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, '/new');
    const { post, safetyResources } = result.data.createThread;
    const href = `/threads/${post.thread.id}`;
    if (safetyResources.length > 0) return { posted: { href }, safetyResources };
    redirect(303, href);
  },
};
