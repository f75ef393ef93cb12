import { fail, redirect } from '@sveltejs/kit';
import { PasswordResetByEmailDocument, RequestPasswordResetDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, values } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // A signed-in member changes their password in the settings instead.
  if (event.locals.user) redirect(303, '/settings/account');
  const result = await request(PasswordResetByEmailDocument, {}, { event });
  // If the api cannot say, offer the form: the answer after sending is the same either way.
  return { byEmail: result.data?.passwordResetByEmail ?? true };
};

export const actions: Actions = {
  send: async (event) => {
    const typed = values(await event.request.formData(), ['email']);
    const email = typed.email.trim();
    if (email === '') {
      const message = 'Email is required.';
      return fail(400, { message, errors: { email: message }, values: typed });
    }
    const result = await request(RequestPasswordResetDocument, { email }, { event });
    if (result.error) {
      // Email was switched off since the page was loaded: say so, as the page would.
      if (result.error.code === 'FORBIDDEN') return { byEmail: false };
      return failWith(result.error, typed);
    }
    // The same answer whether or not the email belongs to an account.
    return { sent: true };
  },
};
