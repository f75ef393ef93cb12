import { error, redirect } from '@sveltejs/kit';
import { ReplyDocument, ThreadPageDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { POSTS_PER_PAGE, pageStart, postHref } from '$lib/threads';
import { request } from '$lib/server/graphql';
import { failWith, loadError, optional, requireUser, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that thread. It may have been removed, or the link may be incomplete.";

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const search = event.url.searchParams;
  const after = search.get('after') || undefined;
  const at = after ? undefined : positiveInt(search.get('at'));

  const result = await request(
    ThreadPageDocument,
    { id, first: POSTS_PER_PAGE, after, fromPosition: at },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const thread = result.data.thread;
  if (!thread) error(404, NOT_FOUND);

  const posts = thread.posts.edges.map((edge) => edge.node);
  const firstPosition = posts[0]?.position ?? at ?? 1;

  // "Reply to this" works without JavaScript: ?replyTo=<postId> preselects the quoted post. The
  // link keeps the page's own parameters, so the post is normally among those loaded here.
  const replyToId = search.get('replyTo');
  let replyTo: { id: string; position: number | null; authorName: string | null } | null = null;
  if (replyToId && isUuid(replyToId)) {
    const quoted = posts.find((p) => p.id === replyToId);
    replyTo = {
      id: replyToId,
      position: quoted?.position ?? null,
      authorName: quoted?.author.displayName ?? null,
    };
  }

  // The page's own address without replyTo, for "Reply to this" links and "cancel".
  const pageParams = new URLSearchParams();
  if (after) pageParams.set('after', after);
  else if (at) pageParams.set('at', String(at));

  return {
    thread: {
      id: thread.id,
      title: thread.title,
      pinned: thread.pinned,
      locked: thread.locked,
      replyCount: thread.replyCount,
      createdAt: thread.createdAt,
      category: thread.category,
      author: thread.author,
    },
    posts,
    pageQuery: pageParams.toString(),
    earlierHref:
      firstPosition > 1 ? `/threads/${id}?at=${Math.max(1, firstPosition - POSTS_PER_PAGE)}` : null,
    latestHref:
      thread.posts.pageInfo.hasNextPage && thread.latestPosition > 0
        ? `/threads/${id}?at=${pageStart(thread.latestPosition)}#post-${thread.latestPosition}`
        : null,
    laterHref:
      thread.posts.pageInfo.hasNextPage && thread.posts.pageInfo.endCursor
        ? `/threads/${id}?after=${encodeURIComponent(thread.posts.pageInfo.endCursor)}`
        : null,
    replyTo,
  };
};

export const actions: Actions = {
  reply: async (event) => {
    const threadId = event.params.id;
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const typed = values(data, ['body', 'contentWarning', 'replyToPostId']);

    const result = await request(
      ReplyDocument,
      {
        input: {
          threadId,
          body: typed.body,
          contentWarning: optional(typed.contentWarning),
          replyToPostId: optional(typed.replyToPostId),
        },
      },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') error(404, NOT_FOUND);
      return failWith(result.error, typed, `/threads/${threadId}`);
    }
    const { post, safetyResources } = result.data.reply;
    const href = postHref(threadId, post.position);
    if (safetyResources.length > 0) {
      // What they wrote reads as a crisis: show help first, then let them carry on to the post.
      return { posted: { href }, safetyResources };
    }
    redirect(303, href);
  },
};
