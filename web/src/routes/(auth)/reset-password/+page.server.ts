import { fail, redirect } from '@sveltejs/kit';
import { ResetPasswordDocument } from '@kinship/graphql';
import { namingFields, newPasswordProblems, PASSWORD_LABELS } from '$lib/account';
import { request } from '$lib/server/graphql';
import { failWith, text } from '$lib/server/forms';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const TOKEN_MAX = 100;

export const load: PageServerLoad = ({ url }) => {
  // The link's token travels on in a hidden field: a form's "?/reset" would drop the query.
  return { token: (url.searchParams.get('token') ?? '').trim().slice(0, TOKEN_MAX) };
};

export const actions: Actions = {
  reset: async (event) => {
    const data = await event.request.formData();
    const token = text(data, 'token').trim().slice(0, TOKEN_MAX);
    const newPassword = text(data, 'newPassword');
    // Passwords are never sent back to the page.
    const errors = newPasswordProblems(newPassword, text(data, 'confirmPassword'));
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please check the form below.', errors, values: {} });
    }
    const result = await request(ResetPasswordDocument, { input: { token, newPassword } }, { event });
    if (result.error) return failWith(namingFields(result.error, PASSWORD_LABELS), {});
    // Every device is signed out, this browser too if it was signed in: sign in with the new one.
    clearSessionCookie(event.cookies, event.url);
    redirect(303, '/signin?reset=1');
  },
};
