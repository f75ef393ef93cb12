import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Where a suspended member's pages lead: says until when, calmly, and lets them sign out.
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.suspension) redirect(303, locals.user ? '/' : '/signin');
  return { suspension: locals.suspension };
};
