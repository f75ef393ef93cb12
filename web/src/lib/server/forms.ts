import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { UNREACHABLE_MESSAGE, type ApiError } from './graphql';

/**
 * What a failed form action hands back to its page: a summary sentence, one sentence per field
 * (keyed by the input's `name`, which is the api's field name), and what the member typed, so
 * nothing they wrote is lost.
 */
export interface FormProblem {
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  /**
   * Which of a page's several forms failed (say `post:<id>` for a reaction on one post), so the
   * page shows the message beside that form. Absent for a page's main form.
   */
  scope?: string;
}

/** The string value of a form field ('' when absent or a file). */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** The named fields of a form as strings, to send back when the action fails. */
export function values<K extends string>(data: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, text(data, name)])) as Record<K, string>;
}

/** Every value of a repeated field (checkboxes), as strings. */
export function list(data: FormData, name: string): string[] {
  return data.getAll(name).filter((value): value is string => typeof value === 'string');
}

/** `''` becomes `undefined`, so optional inputs left empty are simply not sent. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The api names nested inputs `input.title`; the form calls that field `title`. */
function fieldName(path: string): string {
  return path.replace(/^input\./, '');
}

const STATUS: Record<ApiError['code'], number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * Turns an api error into a failed action the page shows inline. A lapsed session sends the
 * member to sign in again (their draft cannot survive that, so we say so on the sign-in page).
 */
export function failWith(
  apiError: ApiError,
  typed: Record<string, string>,
  next?: string,
  scope?: string,
): ActionFailure<FormProblem> {
  if (apiError.code === 'UNAUTHENTICATED') {
    redirect(303, `/signin?expired=1${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  }
  // Suspended since the page was loaded: the calm suspension page, not a form error.
  if (apiError.suspendedUntil) redirect(303, '/suspended');
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(apiError.fields)) errors[fieldName(path)] = message;
  return fail(STATUS[apiError.code], {
    message: apiError.message,
    errors,
    values: typed,
    ...(scope ? { scope } : {}),
  });
}

/**
 * `failWith` for a form whose fields the api names differently: `formField` turns the api's
 * field name into the form's (the event form's `repeatCount` is the api's `recurrence.count`).
 */
export function failWithFields(
  apiError: ApiError,
  typed: Record<string, string>,
  next: string,
  formField: (apiField: string) => string,
): ActionFailure<FormProblem> {
  const problem = failWith(apiError, typed, next);
  problem.data.errors = Object.fromEntries(
    Object.entries(problem.data.errors).map(([field, message]) => [formField(field), message]),
  );
  return problem;
}

/** The problems a form's own checks found before asking the api, each at its field. */
export function failFields(
  message: string,
  errors: Record<string, string>,
  typed: Record<string, string>,
): ActionFailure<FormProblem> {
  return fail(400, { message, errors, values: typed });
}

/** A failed action with one summary sentence and no field singled out. */
export function failMessage(
  status: number,
  message: string,
  typed: Record<string, string>,
  scope?: string,
): ActionFailure<FormProblem> {
  return fail(status, { message, errors: {}, values: typed, ...(scope ? { scope } : {}) });
}

/** For load functions: an api error becomes the matching error page (or a trip to sign in). */
export function loadError(apiError: ApiError, next?: string): never {
  if (apiError.suspendedUntil) redirect(303, '/suspended');
  switch (apiError.code) {
    case 'UNAUTHENTICATED':
      return redirect(303, `/signin?expired=1${next ? `&next=${encodeURIComponent(next)}` : ''}`);
    case 'FORBIDDEN':
      return error(403, apiError.message);
    case 'NOT_FOUND':
      return error(404, apiError.message);
    case 'BAD_USER_INPUT':
      // A hand-edited or stale paging link: say so in plain words, not "after is not a valid cursor".
      if (apiError.field === 'after' || apiError.field === 'fromPosition') {
        return error(
          400,
          'That page link is out of date or incomplete. Please start again from the first page.',
        );
      }
      return error(400, apiError.message);
    case 'RATE_LIMITED':
      return error(429, apiError.message);
    case 'CONFLICT':
      return error(409, apiError.message);
    case 'SERVICE_UNAVAILABLE':
      // The calm "having trouble reaching its server" page, as when the api itself is down.
      return error(503, UNREACHABLE_MESSAGE);
    case 'INTERNAL':
      return error(500, apiError.message);
  }
}

/** The signed-in member and their token, or a trip to the sign-in page. */
export function requireUser(
  locals: App.Locals,
  url: URL,
): { user: NonNullable<App.Locals['user']>; token: string } {
  if (!locals.user || !locals.token) {
    const next = url.pathname + url.search;
    redirect(303, `/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
  }
  return { user: locals.user, token: locals.token };
}
