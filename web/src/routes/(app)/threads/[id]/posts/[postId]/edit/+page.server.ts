import { error, redirect } from '@sveltejs/kit';
import {
  EditPostDocument,
  EditPostPageDocument,
  MyRecentPostsDocument,
  type EditablePostFieldsFragment,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { postHref } from '$lib/threads';
import { parseTopics } from '$lib/topics';
import { request } from '$lib/server/graphql';
import { failWith, list, loadError, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that post. It may have been removed, or the link may be incomplete.";

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const { id: threadId, postId } = event.params;
  if (!isUuid(threadId) || !isUuid(postId)) error(404, NOT_FOUND);
  const next = event.url.pathname + event.url.search;

  // The api has no single-post query: the edit link carries the post's position (?at=), and
  // without it we look among the member's own recent posts.
  let post: EditablePostFieldsFragment | null = null;
  let thread: { id: string; title: string } | null = null;
  const at = positiveInt(event.url.searchParams.get('at'));
  if (at) {
    const result = await request(EditPostPageDocument, { threadId, position: at }, { token, event });
    if (result.error) loadError(result.error, next);
    const node = result.data.thread?.posts.edges[0]?.node;
    if (result.data.thread && node?.id === postId) {
      post = node;
      thread = result.data.thread;
    }
  }
  if (!post) {
    const result = await request(MyRecentPostsDocument, { userId: user.id, first: 100 }, { token, event });
    if (result.error) loadError(result.error, next);
    const node = result.data.user?.posts.edges.find((e) => e.node.id === postId)?.node;
    if (node && node.thread.id === threadId) {
      post = node;
      thread = node.thread;
    }
  }
  if (!post || !thread) error(404, NOT_FOUND);
  if (post.author.id !== user.id) error(403, 'You can only edit your own posts.');

  let reason: string | null = null;
  if (post.deleted) reason = 'This post was deleted, so it can no longer be edited.';
  else if (!post.viewerCanEdit) {
    reason =
      'Posts can be edited for 30 days (24 hours during your first week), and this one is older than that.';
  }

  return {
    post: {
      id: post.id,
      position: post.position,
      body: post.body,
      contentWarning: post.contentWarning,
      topics: post.topics,
    },
    thread: { id: thread.id, title: thread.title },
    backHref: postHref(thread.id, post.position),
    reason,
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const { id: threadId, postId } = event.params;
    if (!isUuid(postId)) error(404, NOT_FOUND);
    const data = await event.request.formData();
    const topics = parseTopics(list(data, 'topics'));
    const typed = { ...values(data, ['body', 'contentWarning']), topics: topics.join(',') };
    const result = await request(
      EditPostDocument,
      { id: postId, body: typed.body, contentWarning: typed.contentWarning.trim(), topics },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
      return failWith(result.error, typed, event.url.pathname + event.url.search);
    }
    const { position, thread } = result.data.editPost;
    redirect(303, postHref(thread.id || threadId, position));
  },
};
