import { planIfSignedIn } from '$lib/server/safety-net';
import type { PageServerLoad } from './$types';

/** Public: a signed-out visitor gets the crisis lines only; a signed-in member their plan and Reach out first. */
export const load: PageServerLoad = async (event) => ({
  plan: await planIfSignedIn(event),
});
