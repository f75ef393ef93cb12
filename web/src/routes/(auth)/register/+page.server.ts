import { redirect } from '@sveltejs/kit';
import { RegisterDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failWith, optional, text, values } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['inviteCode', 'email', 'displayName', 'timeZone'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  return { code: (url.searchParams.get('code') ?? '').slice(0, 100) };
};

export const actions: Actions = {
  register: async (event) => {
    const data = await event.request.formData();
    // The password is never sent back to the page; everything else the person typed is.
    const typed = values(data, FIELDS);
    const result = await request(
      RegisterDocument,
      {
        input: {
          inviteCode: typed.inviteCode.trim(),
          email: typed.email.trim(),
          displayName: typed.displayName.trim(),
          password: text(data, 'password'),
          timeZone: optional(typed.timeZone),
        },
      },
      { event },
    );
    if (result.error) return failWith(result.error, typed);
    setSessionCookie(event.cookies, event.url, result.data.register.token);
    redirect(303, '/?welcome=1');
  },
};
