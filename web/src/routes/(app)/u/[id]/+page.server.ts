import { error } from '@sveltejs/kit';
import {
  BlockUserDocument,
  CreatePasswordResetLinkDocument,
  FollowUserDocument,
  MessageReachDocument,
  ProfileDocument,
  UnblockUserDocument,
} from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { flagParams, sendFlag } from '$lib/server/flags';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import { requireAdmin } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = "We couldn't find that member. They may have left Kinship.";
const RECENT_POSTS = 10;

export const load: PageServerLoad = async (event) => {
  const { token, user: viewer } = requireUser(event.locals, event.url);
  if (!isUuid(event.params.id)) error(404, NOT_FOUND);
  const after = event.url.searchParams.get('after') || undefined;
  const self = event.params.id === viewer.id;
  const [result, reach] = await Promise.all([
    request(ProfileDocument, { id: event.params.id, first: RECENT_POSTS, after }, { token, event }),
    // Whether "Message" is offered: directly, as a request, or not at all (never on your own profile).
    self ? null : request(MessageReachDocument, { userId: event.params.id }, { token, event }),
  ]);
  if (result.error) loadError(result.error, event.url.pathname + event.url.search);
  const profile = result.data.user;
  if (!profile) error(404, NOT_FOUND);
  const { posts, ...person } = profile;
  const flag = flagParams(event.url);
  return {
    profile: person,
    posts: posts.edges.map((edge) => edge.node),
    moreHref:
      posts.pageInfo.hasNextPage && posts.pageInfo.endCursor
        ? `/u/${profile.id}?after=${encodeURIComponent(posts.pageInfo.endCursor)}#posts`
        : null,
    paged: after !== undefined,
    isSelf: profile.id === viewer.id,
    // Admins help a member who cannot get email back in with a one-time link.
    canCreateResetLink: viewer.role === 'ADMIN' && profile.id !== viewer.id,
    blocked: result.data.blockedUsers.some((u) => u.id === profile.id),
    messageReach: reach?.data?.messageReach ?? 'NONE',
    hiddenTopics: result.data.me?.topicFilters ?? [],
    // The flag form (see $lib/flags): open for this profile (not your own), or thanks.
    flagging: flag.flagging === profile.id && profile.id !== viewer.id,
    flagged: flag.flagged === profile.id,
  };
};

export const actions: Actions = {
  block: async (event) => {
    const { token, user } = requireUser(event.locals, event.url);
    const userId = event.params.id;
    if (!isUuid(userId)) error(404, NOT_FOUND);
    if (userId === user.id) return failMessage(400, "You can't block yourself.", {});
    const result = await request(BlockUserDocument, { userId }, { token, event });
    if (result.error) return failWith(result.error, {}, event.url.pathname);
    return { blockedNow: true };
  },

  /** Admins: a single-use password reset link for this member, shown once. */
  resetLink: async (event) => {
    const { token, user } = requireAdmin(event.locals, event.url);
    const userId = event.params.id;
    if (!isUuid(userId)) error(404, NOT_FOUND);
    const scope = 'resetLink';
    if (userId === user.id) {
      return failMessage(
        400,
        'To change your own password, use Account and privacy in your settings.',
        {},
        scope,
      );
    }
    const result = await request(CreatePasswordResetLinkDocument, { userId }, { token, event });
    if (result.error) return failWith(result.error, {}, event.url.pathname, scope);
    return { resetLink: result.data.createPasswordResetLink };
  },

  flag: async (event) => {
    const userId = event.params.id;
    const data = await event.request.formData();
    return sendFlag(event, data, { type: 'USER', id: userId, page: `/u/${userId}`, gone: NOT_FOUND });
  },

  follow: async (event) => {
    const { token, user } = requireUser(event.locals, event.url);
    const userId = event.params.id;
    if (!isUuid(userId)) error(404, NOT_FOUND);
    const following = text(await event.request.formData(), 'following') === 'true';
    if (userId === user.id) return failMessage(400, "You can't follow yourself.", {}, 'follow');
    const result = await request(FollowUserDocument, { userId, following }, { token, event });
    if (result.error) return failWith(result.error, {}, event.url.pathname, 'follow');
    return { followingNow: result.data.followUser.viewerFollows };
  },

  unblock: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const userId = event.params.id;
    if (!isUuid(userId)) error(404, NOT_FOUND);
    const result = await request(UnblockUserDocument, { userId }, { token, event });
    if (result.error) return failWith(result.error, {}, event.url.pathname);
    return { unblockedNow: true };
  },
};
