import { GraphQLError } from 'graphql';

/** The error codes of CONTRACT.md. Every error a client sees carries one of these. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'CONFLICT';

/**
 * A rule of the domain said no. Services throw these; the message is a human sentence meant for
 * the member, and `field` names the input at fault when there is one (the web shows it inline).
 */
export class DomainError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; fields?: Record<string, string>; retryAfterSeconds?: number; suspendedUntil?: string } = {},
  ) {
    const fields = extra.fields ?? (extra.field ? { [extra.field]: message } : undefined);
    super(message, {
      extensions: {
        code,
        ...(extra.field ? { field: extra.field } : {}),
        ...(fields ? { fields } : {}),
        ...(extra.retryAfterSeconds ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
        ...(extra.suspendedUntil ? { suspendedUntil: extra.suspendedUntil } : {}),
      },
    });
  }
}

/**
 * The whole request is refused before anything runs (too costly, variables of the wrong type): a
 * client error, so HTTP 400 as for a document that fails validation.
 */
export const requestRefused = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export const unauthenticated = (message = 'Please sign in to continue.') =>
  new DomainError('UNAUTHENTICATED', message);

export const forbidden = (message = "You don't have permission to do that.") =>
  new DomainError('FORBIDDEN', message);

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} could not be found.`);

export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', message, { field });

export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, { field });

export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError(
    'RATE_LIMITED',
    `Too many attempts. Please wait ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s) and try again.`,
    { retryAfterSeconds: Math.ceil(retryAfterSeconds) },
  );
