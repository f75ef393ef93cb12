import { redirect } from '@sveltejs/kit';
import { ExportMyDataDocument } from '@kinship/graphql';
import { exportFileName } from '$lib/account';
import { request } from '$lib/server/graphql';
import { requireUser } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/**
 * "Download your data": a plain form post (no JavaScript needed) answered with the export as a
 * file. The browser saves it and stays on the settings page. It is never cached anywhere: it
 * holds the member's recovery details.
 */
export const POST: RequestHandler = async (event) => {
  const { token, user } = requireUser(event.locals, event.url);
  const result = await request(ExportMyDataDocument, {}, { token, event });
  if (result.error) {
    if (result.error.code === 'UNAUTHENTICATED') {
      redirect(303, `/signin?expired=1&next=${encodeURIComponent('/settings/account')}`);
    }
    if (result.error.suspendedUntil) redirect(303, '/suspended');
    redirect(303, '/settings/account?export=failed#export-heading');
  }
  return new Response(result.data.exportMyData, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(new Date(), user.timeZone)}"`,
      'cache-control': 'no-store',
    },
  });
};

// Visiting the address goes to the page that explains the download.
export const GET: RequestHandler = () => redirect(303, '/settings/account#export-heading');
