import { requireModerator } from '$lib/server/moderation';
import type { LayoutServerLoad } from './$types';

// Every page under /moderation is for moderators and admins; others see "This page isn't open to you".
// (Each page's own load checks too: loads run side by side.)
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireModerator(locals, url);
  return {};
};
