import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  DeletePostDocument,
  LockThreadDocument,
  PinThreadDocument,
  ReactDocument,
  ReplyDocument,
  SaveDraftDocument,
  ThreadPageDocument,
  UnreactDocument,
  WatchThreadDocument,
} from '@kinship/graphql';
import { hasRole } from '@kinship/shared';
import { isUuid } from '$lib/ids';
import { isReactionKind } from '$lib/reactions';
import { POSTS_PER_PAGE, pageStart, postHref, replyDraftKey } from '$lib/threads';
import { parseTopics } from '$lib/topics';
import { flagParams, sendFlag } from '$lib/server/flags';
import { request } from '$lib/server/graphql';
import { planIfSignedIn } from '$lib/server/safety-net';
import {
  failMessage,
  failWith,
  list,
  loadError,
  optional,
  requireUser,
  text,
  values,
} from '$lib/server/forms';
import { safeLocalPath } from '$lib/server/session';
import type { Actions, PageServerLoad, RouteParams } from './$types';

const NOT_FOUND = "We couldn't find that thread. It may have been removed, or the link may be incomplete.";
const POST_GONE = 'That post is no longer available. It may have been removed or hidden.';

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

export const load: PageServerLoad = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const { id } = event.params;
  if (!isUuid(id)) error(404, NOT_FOUND);
  const search = event.url.searchParams;
  const after = search.get('after') || undefined;
  const at = after ? undefined : positiveInt(search.get('at'));

  const result = await request(
    ThreadPageDocument,
    { id, first: POSTS_PER_PAGE, after, fromPosition: at, draftKey: replyDraftKey(id) },
    { token, event },
  );
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const thread = result.data.thread;
  if (!thread) error(404, NOT_FOUND);

  const posts = thread.posts.edges.map((edge) => edge.node);
  const firstPosition = posts[0]?.position ?? at ?? 1;
  const lastPosition = posts.at(-1)?.position ?? firstPosition;

  // "Reply with quote" works without JavaScript: ?replyTo=<postId> preselects the quoted post. The
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

  // Deleting asks once, also without JavaScript: ?confirmDelete=<postId> shows the question in place.
  const confirmId = search.get('confirmDelete');
  const confirmDelete =
    posts.find((p) => p.id === confirmId && p.author.id === user.id && !p.deleted)?.id ?? null;

  // The flag form (see $lib/flags) opens under a post that is not your own; after a flag went
  // through, the thanks shows under the post (or above the posts, if the flag has just hidden it).
  const flag = flagParams(event.url);
  const flagging =
    posts.find(
      (p) => p.id === flag.flagging && p.author.id !== user.id && !p.deleted && p.status === 'VISIBLE',
    )?.id ?? null;
  const flagged = flag.flagged;

  // The page's own address without replyTo or confirmDelete, for links that come back to it.
  const pageParams = new URLSearchParams();
  if (after) pageParams.set('after', after);
  else if (at) pageParams.set('at', String(at));

  const latest = thread.latestPosition;
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      pinned: thread.pinned,
      locked: thread.locked,
      watching: thread.viewerIsWatching,
      replyCount: thread.replyCount,
      createdAt: thread.createdAt,
      category: thread.category,
      author: thread.author,
    },
    posts,
    hiddenTopics: result.data.me?.topicFilters ?? [],
    blockedIds: result.data.blockedUsers.map((u) => u.id),
    draft: result.data.draft?.body ?? null,
    isModerator: hasRole(user.role, 'MODERATOR'),
    confirmDelete,
    flagging,
    flagged,
    pageQuery: pageParams.toString(),
    earlierHref:
      firstPosition > 1 ? `/threads/${id}?at=${Math.max(1, firstPosition - POSTS_PER_PAGE)}` : null,
    latestHref: latest > lastPosition ? `/threads/${id}?at=${pageStart(latest)}#post-${latest}` : null,
    moreHref:
      thread.posts.pageInfo.hasNextPage && thread.posts.pageInfo.endCursor
        ? `/threads/${id}?after=${encodeURIComponent(thread.posts.pageInfo.endCursor)}`
        : null,
    replyTo,
  };
};

type ThreadEvent = RequestEvent<RouteParams, '/(app)/threads/[id]'>;

/** Where a small action goes back to: the page it came from (this thread only), else the thread. */
function back(event: ThreadEvent, data: FormData): string {
  const threadPath = `/threads/${event.params.id}`;
  const wanted = safeLocalPath(text(data, 'returnTo'), threadPath);
  return wanted === threadPath || wanted.startsWith(`${threadPath}?`) || wanted.startsWith(`${threadPath}#`)
    ? wanted
    : threadPath;
}

/** The shared steps of the small post actions: signed in, a real post id, and where to go back. */
async function postAction(event: ThreadEvent) {
  const { token } = requireUser(event.locals, event.url);
  const data = await event.request.formData();
  const postId = text(data, 'postId');
  return { token, data, postId, scope: `post:${postId}`, returnTo: back(event, data) };
}

async function setThreadFlag(event: ThreadEvent, flag: 'watch' | 'pin' | 'lock') {
  const { token } = requireUser(event.locals, event.url);
  const data = await event.request.formData();
  const on = text(data, 'value') === 'true';
  const threadId = event.params.id;
  const options = { token, event };
  const result =
    flag === 'watch'
      ? await request(WatchThreadDocument, { threadId, watching: on }, options)
      : flag === 'pin'
        ? await request(PinThreadDocument, { threadId, pinned: on }, options)
        : await request(LockThreadDocument, { threadId, locked: on }, options);
  if (result.error) return failWith(result.error, {}, `/threads/${threadId}`, 'thread');
  redirect(303, back(event, data));
}

export const actions: Actions = {
  reply: async (event) => {
    const threadId = event.params.id;
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const topics = parseTopics(list(data, 'topics'));
    const typed = { ...values(data, ['body', 'contentWarning', 'replyToPostId']), topics: topics.join(',') };

    const result = await request(
      ReplyDocument,
      {
        input: {
          threadId,
          body: typed.body,
          contentWarning: optional(typed.contentWarning),
          replyToPostId: optional(typed.replyToPostId),
          topics,
        },
      },
      { token, event },
    );
    if (result.error) {
      if (result.error.code === 'NOT_FOUND' && result.error.field !== 'replyToPostId') error(404, NOT_FOUND);
      return failWith(result.error, typed, `/threads/${threadId}`);
    }
    const { post, safetyResources } = result.data.reply;
    const href = postHref(threadId, post.position);
    if (safetyResources.length > 0) {
      // What they wrote reads as a crisis: show help first, then let them carry on to the post.
      return { posted: { href }, safetyResources, plan: await planIfSignedIn(event) };
    }
    redirect(303, href);
  },

  /** Called by the autosave script while the member types (never by a plain form). */
  saveDraft: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const result = await request(
      SaveDraftDocument,
      { input: { key: replyDraftKey(event.params.id), body: text(data, 'body') } },
      { token, event },
    );
    if (result.error) return failWith(result.error, {}, `/threads/${event.params.id}`, 'draft');
    return { draftSaved: true };
  },

  react: async (event) => {
    const { token, data, postId, scope, returnTo } = await postAction(event);
    const kind = text(data, 'kind');
    if (!isUuid(postId) || !isReactionKind(kind)) return failMessage(404, POST_GONE, {}, scope);
    const result = await request(ReactDocument, { postId, kind }, { token, event });
    if (result.error) return failWith(result.error, {}, returnTo, scope);
    redirect(303, returnTo);
  },

  unreact: async (event) => {
    const { token, data, postId, scope, returnTo } = await postAction(event);
    const kind = text(data, 'kind');
    if (!isUuid(postId) || !isReactionKind(kind)) return failMessage(404, POST_GONE, {}, scope);
    const result = await request(UnreactDocument, { postId, kind }, { token, event });
    if (result.error) return failWith(result.error, {}, returnTo, scope);
    redirect(303, returnTo);
  },

  deletePost: async (event) => {
    const { token, postId, scope, returnTo } = await postAction(event);
    if (!isUuid(postId)) return failMessage(404, POST_GONE, {}, scope);
    const result = await request(DeletePostDocument, { id: postId }, { token, event });
    if (result.error) return failWith(result.error, {}, returnTo, scope);
    redirect(303, returnTo);
  },

  flag: async (event) => {
    const { data, returnTo } = await postAction(event);
    return sendFlag(event, data, {
      type: 'POST',
      id: text(data, 'targetId'),
      page: returnTo,
      gone: POST_GONE,
    });
  },

  watch: (event) => setThreadFlag(event, 'watch'),
  pin: (event) => setThreadFlag(event, 'pin'),
  lock: (event) => setThreadFlag(event, 'lock'),
};
