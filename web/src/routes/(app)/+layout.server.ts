import { error } from '@sveltejs/kit';
import { UNREACHABLE_MESSAGE } from '$lib/server/graphql';
import { requireUser } from '$lib/server/forms';
import type { LayoutServerLoad } from './$types';

// Everything in (app) is for signed-in members. The hook already redirects signed-out visitors;
// this also covers client-side navigations after a session ends.
export const load: LayoutServerLoad = ({ locals, url }) => {
  if (locals.apiUnreachable) error(503, UNREACHABLE_MESSAGE);
  requireUser(locals, url);
  return {};
};
