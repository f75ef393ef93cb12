import { error, type RequestEvent } from '@sveltejs/kit';
import type { TypedDocumentNode } from '@kinship/graphql';
import { Kind, print, type OperationDefinitionNode } from 'graphql';
import { env } from '$env/dynamic/private';

/** The error codes the api puts in `extensions.code`, each once. */
const API_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'CONFLICT',
  /** PostgreSQL unreachable for a moment: the api's sentence says to try again (HTTP 503). */
  'SERVICE_UNAVAILABLE',
] as const;

/** An api error code, or INTERNAL for anything else (an unknown code, an odd answer). */
export type ApiErrorCode = (typeof API_CODES)[number] | 'INTERNAL';

function isApiCode(code: unknown): code is (typeof API_CODES)[number] {
  return (API_CODES as readonly unknown[]).includes(code);
}

/** One error from the api, reduced to what a page needs to tell the member. */
export interface ApiError {
  code: ApiErrorCode;
  /** A sentence written for the member by the api. */
  message: string;
  /** The input at fault, when there is one. */
  field?: string;
  /** Each input at fault, with its own sentence. */
  fields: Record<string, string>;
  retryAfterSeconds?: number;
  /** Set when the member's account is suspended (code FORBIDDEN): when the suspension ends. */
  suspendedUntil?: string;
}

export type ApiResult<T> = { data: T; error: null } | { data: null; error: ApiError };

export interface RequestOptions {
  /** The member's session token; omitted for signed-out calls (sign-in, registration). */
  token?: string | null;
  /** The incoming request: its client address, user agent and request id are passed on to the api. */
  event: Pick<RequestEvent, 'getClientAddress' | 'request'> & {
    locals?: Partial<Pick<App.Locals, 'requestId'>>;
  };
}

const TIMEOUT_MS = 15_000;
export const UNREACHABLE_MESSAGE =
  'Kinship is having trouble reaching its server. Please try again in a minute.';

const printed = new WeakMap<object, { query: string; operationName: string | undefined }>();

function source(document: TypedDocumentNode<unknown, unknown>): {
  query: string;
  operationName: string | undefined;
} {
  let cached = printed.get(document);
  if (!cached) {
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    cached = { query: print(document), operationName: operation?.name?.value };
    printed.set(document, cached);
  }
  return cached;
}

export function apiUrl(): string {
  return (env.API_URL || 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

function clientAddress(event: RequestOptions['event']): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Reads the first GraphQL error into an ApiError. Exported for tests. */
export function toApiError(raw: { message?: unknown; extensions?: Record<string, unknown> }): ApiError {
  const extensions = raw.extensions ?? {};
  const code = isApiCode(extensions.code) ? extensions.code : 'INTERNAL';
  const fields: Record<string, string> = {};
  if (extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, message] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  const message =
    code === 'INTERNAL'
      ? 'Something went wrong on our side. Please try again in a moment.'
      : typeof raw.message === 'string' && raw.message
        ? raw.message
        : 'Something went wrong. Please try again.';
  const field = typeof extensions.field === 'string' ? extensions.field : undefined;
  if (field && !(field in fields)) fields[field] = message;
  return {
    code,
    message,
    field,
    fields,
    retryAfterSeconds:
      typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined,
    suspendedUntil:
      code === 'FORBIDDEN' && typeof extensions.suspendedUntil === 'string'
        ? extensions.suspendedUntil
        : undefined,
  };
}

/**
 * Runs one GraphQL operation against the api, server-side only. Returns the data, or the api's
 * error as a typed object for the page to show. When the api cannot be reached at all the member
 * sees the error page with a calm explanation (HTTP 503).
 */
export async function request<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<ApiResult<TData>> {
  const { query, operationName } = source(document as TypedDocumentNode<unknown, unknown>);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const ip = clientAddress(options.event);
  if (ip) headers['x-forwarded-for'] = ip;
  const requestId = options.event.locals?.requestId;
  if (requestId) headers['x-request-id'] = requestId;
  const userAgent = options.event.request.headers.get('user-agent');
  if (userAgent) headers['user-agent'] = userAgent.slice(0, 500);

  let response: Response;
  let body: GraphQLResponseBody;
  try {
    response = await fetch(`${apiUrl()}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, operationName }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = (await response.json()) as GraphQLResponseBody;
  } catch (cause) {
    console.error(
      JSON.stringify({
        level: 50,
        service: 'web',
        msg: 'api unreachable',
        requestId,
        operation: operationName,
        err: String(cause),
      }),
    );
    error(503, UNREACHABLE_MESSAGE);
  }

  const first = body.errors?.[0];
  if (first) return { data: null, error: toApiError(first) };
  if (!response.ok || body.data === undefined || body.data === null) {
    console.error(
      JSON.stringify({
        level: 50,
        service: 'web',
        msg: 'api answered oddly',
        requestId,
        operation: operationName,
        status: response.status,
      }),
    );
    if (response.status >= 500) error(503, UNREACHABLE_MESSAGE);
    return { data: null, error: toApiError({}) };
  }
  return { data: body.data as TData, error: null };
}
