import { CheerDocument } from '@kinship/graphql';
import type { RequestEvent } from '@sveltejs/kit';
import { isUuid } from '$lib/ids';
import { request } from './graphql';
import { failMessage, failWith, requireUser, text } from './forms';

/** The cheer form's action, shared by the wall and a celebration's own page (works without JS). */
export async function cheerAction(event: RequestEvent, back: string) {
  const { token } = requireUser(event.locals, event.url);
  const celebrationId = text(await event.request.formData(), 'celebrationId');
  const scope = `cheer:${celebrationId}`;
  if (!isUuid(celebrationId)) {
    return failMessage(404, 'That celebration is no longer here.', {}, scope);
  }
  const result = await request(CheerDocument, { celebrationId }, { token, event });
  if (result.error) return failWith(result.error, {}, back, scope);
  return { cheered: celebrationId };
}
