import { isHttpError, redirect } from '@sveltejs/kit';
import { LogoutDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (the header's form); visiting the address just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    const { locals, cookies, url } = event;
    if (locals.token) {
      try {
        // Revokes the session on the api, so the token is useless even if it was copied.
        await request(LogoutDocument, {}, { token: locals.token, event });
      } catch (cause) {
        if (!isHttpError(cause, 503)) throw cause;
      }
    }
    clearSessionCookie(cookies, url);
    redirect(303, '/signin?signedout=1');
  },
};
