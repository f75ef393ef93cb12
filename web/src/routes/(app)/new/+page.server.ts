import { redirect } from '@sveltejs/kit';
import { CreateThreadDocument, NewThreadPageDocument, SaveDraftDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { NEW_THREAD_DRAFT_KEY } from '$lib/threads';
import { parseTopics } from '$lib/topics';
import { request } from '$lib/server/graphql';
import { planIfSignedIn } from '$lib/server/safety-net';
import { failWith, list, loadError, optional, requireUser, text, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(NewThreadPageDocument, {}, { token, event });
  if (result.error) loadError(result.error, '/new');
  const { categories, draft } = result.data;
  const known = (id: string | null | undefined) => (id && categories.some((c) => c.id === id) ? id : '');
  // A category picked in the link (from a category page) wins over the one in an old draft.
  const wanted = known(event.url.searchParams.get('category')) || known(draft?.categoryId);
  return {
    categories,
    categoryId: wanted,
    draft: draft ? { title: draft.title ?? '', body: draft.body } : null,
  };
};

export const actions: Actions = {
  create: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const topics = parseTopics(list(data, 'topics'));
    const typed = {
      ...values(data, ['categoryId', 'title', 'body', 'contentWarning']),
      topics: topics.join(','),
    };
    const result = await request(
      CreateThreadDocument,
      {
        input: {
          categoryId: typed.categoryId,
          title: typed.title.trim(),
          body: typed.body,
          contentWarning: optional(typed.contentWarning),
          topics,
        },
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, typed, '/new');
    const { post, safetyResources } = result.data.createThread;
    const href = `/threads/${post.thread.id}`;
    // What they wrote reads as a crisis: their own plan first (when they have one), then the crisis lines.
    if (safetyResources.length > 0) return { posted: { href }, safetyResources, plan: await planIfSignedIn(event) };
    redirect(303, href);
  },

  /** Called by the autosave script while the member types (never by a plain form). */
  saveDraft: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const categoryId = text(data, 'categoryId');
    const result = await request(
      SaveDraftDocument,
      {
        input: {
          key: NEW_THREAD_DRAFT_KEY,
          body: text(data, 'body'),
          title: text(data, 'title'),
          categoryId: isUuid(categoryId) ? categoryId : undefined,
        },
      },
      { token, event },
    );
    if (result.error) return failWith(result.error, {}, '/new', 'draft');
    return { draftSaved: true };
  },
};
