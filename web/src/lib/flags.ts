/**
 * How every page that offers the flag form (a post, a profile, an event, a posting) uses its
 * address, so flagging works the same way with and without JavaScript:
 *
 * - `?flag=<id>` opens the form for that target (a plain link);
 * - the form posts to the page's `flag` action, keeping the page's query and hash;
 * - a try that did not go through comes back with the scope `flag:<id>`, and the form stays open
 *   with the errors beside the fields;
 * - once the flag went through, the action sends the member back with `?flagged=<id>` and the
 *   page thanks them.
 */
import { withAction, withParam } from '$lib/paths';

export const FLAG_PARAM = 'flag';
export const FLAGGED_PARAM = 'flagged';

/** The link that opens the flag form for `targetId` on `page` (which may carry a query and a hash). */
export function flagHref(page: string, targetId: string): string {
  return withParam(page, FLAG_PARAM, targetId);
}

/** The flag form's action: the page with its form open, posting to the `flag` action. */
export function flagFormAction(page: string, targetId: string): string {
  return withAction(flagHref(page, targetId), 'flag');
}

/** Where the member goes once the flag went through: back to `page`, with the thanks. */
export function flaggedHref(page: string, targetId: string): string {
  return withParam(page, FLAGGED_PARAM, targetId);
}

/** The scope of a failed flag on `targetId`, so the page shows it at that target's form. */
export function flagScope(targetId: string): string {
  return `flag:${targetId}`;
}

/** A flag try that did not go through, as the flag form shows it again. */
export interface FailedFlag {
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** The flag on `targetId` that did not go through, from the page's last action result. */
export function failedFlag(
  form:
    | {
        scope?: string;
        message?: string;
        errors?: Record<string, string>;
        values?: Record<string, string>;
      }
    | null
    | undefined,
  targetId: string,
): FailedFlag | null {
  if (!form?.message || form.scope !== flagScope(targetId)) return null;
  return { message: form.message, errors: form.errors ?? {}, values: form.values ?? {} };
}
