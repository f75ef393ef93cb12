import { fail, redirect } from '@sveltejs/kit';
import {
  ChangePasswordDocument,
  DeleteMyAccountDocument,
  MySessionsDocument,
  RevokeSessionDocument,
  SignOutEverywhereDocument,
} from '@kinship/graphql';
import {
  DELETE_LABELS,
  deleteAccountProblems,
  deviceName,
  namingFields,
  newPasswordProblems,
  PASSWORD_LABELS,
} from '$lib/account';
import { isUuid } from '$lib/ids';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const PATH = '/settings/account';

export const load: PageServerLoad = async (event) => {
  const { token } = requireUser(event.locals, event.url);
  const result = await request(MySessionsDocument, {}, { token, event });
  if (result.error) loadError(result.error, PATH);
  return {
    sessions: result.data.mySessions,
    // The download is a plain form post; when it could not be made the endpoint comes back here.
    exportFailed: event.url.searchParams.get('export') === 'failed',
  };
};

export const actions: Actions = {
  /** Signs out one of the member's other devices. */
  revoke: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const id = text(data, 'id');
    const device = deviceName(text(data, 'device').slice(0, 60));
    const scope = 'sessions';
    if (!isUuid(id)) {
      return failMessage(404, 'That device is already signed out.', {}, scope);
    }
    const result = await request(RevokeSessionDocument, { id }, { token, event });
    if (result.error) {
      if (result.error.code === 'NOT_FOUND') {
        return failMessage(404, 'That device is already signed out.', {}, scope);
      }
      return failWith(result.error, {}, PATH, scope);
    }
    return { revoked: device };
  },

  /** Every device, this one included: the cookie goes too, and the member is asked to sign in. */
  everywhere: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const result = await request(SignOutEverywhereDocument, {}, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, 'sessions');
    clearSessionCookie(event.cookies, event.url);
    redirect(303, '/signin?everywhere=1');
  },

  /** A new password; every other device is signed out, this one stays signed in. */
  password: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const currentPassword = text(data, 'currentPassword');
    const newPassword = text(data, 'newPassword');
    const scope = 'password';
    // Passwords are never sent back to the page.
    const errors = newPasswordProblems(newPassword, text(data, 'confirmPassword'));
    if (currentPassword === '') errors.currentPassword = 'Current password is required.';
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please check the password form.', errors, values: {}, scope });
    }
    const result = await request(
      ChangePasswordDocument,
      { input: { currentPassword, newPassword } },
      { token, event },
    );
    if (result.error) return failWith(namingFields(result.error, PASSWORD_LABELS), {}, PATH, scope);
    return { passwordChanged: true };
  },

  /** Deletes the account at once; the member lands on the sign-in page, told calmly it is done. */
  delete: async (event) => {
    const { token } = requireUser(event.locals, event.url);
    const data = await event.request.formData();
    const password = text(data, 'password');
    const typed = {
      keepPosts: text(data, 'keepPosts'),
      confirmDelete: data.get('confirmDelete') !== null ? 'on' : '',
    };
    const scope = 'delete';
    const errors = deleteAccountProblems({
      password,
      keepPosts: typed.keepPosts,
      confirmDelete: typed.confirmDelete === 'on',
    });
    if (Object.keys(errors).length > 0) {
      return fail(400, { message: 'Please check the form below.', errors, values: typed, scope });
    }
    const result = await request(
      DeleteMyAccountDocument,
      { password, keepPosts: typed.keepPosts === 'keep' },
      { token, event },
    );
    if (result.error) return failWith(namingFields(result.error, DELETE_LABELS), typed, PATH, scope);
    clearSessionCookie(event.cookies, event.url);
    redirect(303, '/signin?deleted=1');
  },
};
