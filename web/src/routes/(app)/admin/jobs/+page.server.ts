import { error } from '@sveltejs/kit';
import { AdminJobsDocument, RetryFailedJobDocument } from '@kinship/graphql';
import { request } from '$lib/server/graphql';
import { failMessage, failWith, loadError, requireUser, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ADMINS_ONLY =
  'Background jobs are looked after by the program team. If you think you should see this page, ask an admin.';
const PATH = '/admin/jobs';

function requireAdmin(locals: App.Locals, url: URL) {
  const session = requireUser(locals, url);
  if (session.user.role !== 'ADMIN') error(403, ADMINS_ONLY);
  return session;
}

export const load: PageServerLoad = async (event) => {
  const { token } = requireAdmin(event.locals, event.url);
  const result = await request(AdminJobsDocument, { first: 50 }, { token, event });
  if (result.error) loadError(result.error, PATH);
  return { queues: result.data.queueCounts, failed: result.data.failedJobs };
};

export const actions: Actions = {
  retry: async (event) => {
    const { token } = requireAdmin(event.locals, event.url);
    const data = await event.request.formData();
    const queue = text(data, 'queue');
    const id = text(data, 'id');
    const scope = `job:${queue}:${id}`;
    if (!queue || !id)
      return failMessage(400, 'That job could not be found. Refresh the page and try again.', {}, scope);
    const result = await request(RetryFailedJobDocument, { queue, id }, { token, event });
    if (result.error) return failWith(result.error, {}, PATH, scope);
    return { retried: scope };
  },
};
