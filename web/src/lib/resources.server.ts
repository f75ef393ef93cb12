/** Server-side helpers for the resource pages: reading the posting form, and the renew action. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { RenewResourceDocument } from '@kinship/graphql';
import { isUuid } from '$lib/ids';
import { formFieldFor, joinTags, RESOURCE_FIELDS, type ResourceFormValues } from '$lib/resources';
import {
  failFields,
  failWith,
  failWithFields,
  list,
  requireUser,
  values,
  type FormProblem,
} from '$lib/server/forms';
import { request, type ApiError } from '$lib/server/graphql';
import type { ActionFailure } from '@sveltejs/kit';

export const RESOURCE_GONE =
  "We couldn't find that posting. It may have been taken down or have expired, or the link may be incomplete.";

/** The posting form as typed (the tag checkboxes joined into one value). */
export function readResourceForm(data: FormData): ResourceFormValues {
  const typed = values(data, RESOURCE_FIELDS);
  typed.tags = joinTags(list(data, 'tags'));
  return typed;
}

/** A failed save with the form's own field names. */
export function resourceProblem(
  apiError: ApiError,
  typed: ResourceFormValues,
  next: string,
): ActionFailure<FormProblem> {
  return failWithFields(apiError, typed, next, formFieldFor);
}

/** Problems seen before asking the api. */
export function localProblem(
  errors: Record<string, string>,
  typed: ResourceFormValues,
): ActionFailure<FormProblem> {
  return failFields('Some details need another look before the posting can be saved.', errors, typed);
}

/** "Renew for 30 days", from the posting page or My postings; back to `back` with ?done=renewed. */
export async function renewAction(event: RequestEvent, id: string, back: string, scope?: string) {
  const { token } = requireUser(event.locals, event.url);
  if (!isUuid(id)) error(404, RESOURCE_GONE);
  const result = await request(RenewResourceDocument, { id }, { token, event });
  if (result.error) {
    if (result.error.code === 'NOT_FOUND') error(404, RESOURCE_GONE);
    return failWith(result.error, {}, back, scope ?? 'renew');
  }
  redirect(303, `${back}${back.includes('?') ? '&' : '?'}done=renewed`);
}
