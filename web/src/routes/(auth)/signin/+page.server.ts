import { fail, redirect } from '@sveltejs/kit';
import { LoginDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { signInNotice } from '$lib/account';
import { failMessage, failWith, text } from '$lib/server/forms';
import { safeLocalPath, setSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeLocalPath(url.searchParams.get('next'), '/');
  if (locals.user) redirect(303, next);
  return {
    next: next === '/' ? '' : next,
    expired: url.searchParams.has('expired'),
    signedOut: url.searchParams.has('signedout'),
    registered: url.searchParams.has('registered'),
    // After deleting the account, a password reset or "sign out everywhere".
    notice: signInNotice(url.searchParams),
    suspension: locals.suspension,
  };
};

export const actions: Actions = {
  signin: async (event) => {
    const data = await event.request.formData();
    const email = text(data, 'email').trim();
    const password = text(data, 'password');
    const next = safeLocalPath(text(data, 'next'), '/');
    const typed = { email };

    const result = await request(LoginDocument, { email, password }, { event });
    if (result.error) {
      if (result.error.code === 'UNAUTHENTICATED') {
        // Wrong email or password: one calm sentence, never saying which of the two.
        return failMessage(400, result.error.message, typed);
      }
      if (result.error.suspendedUntil) {
        // Not a mistake in the form: the page says until when, calmly.
        return fail(403, {
          suspension: { until: result.error.suspendedUntil, message: result.error.message },
          values: typed,
        });
      }
      return failWith(result.error, typed);
    }
    setSessionCookie(event.cookies, event.url, result.data.login.token);
    redirect(303, next);
  },
};
