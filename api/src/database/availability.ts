/**
 * Whether an error means "PostgreSQL cannot be reached just now" (refused, reset, shutting down,
 * out of connections, or a pool that timed out waiting for one), as opposed to a bad query. A
 * request whose every root field failed so is answered 503 (see the unavailable plugin); its
 * transaction rolled back, unless the connection broke during COMMIT itself.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
]);

const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // the server closed the socket (pg)
  /timeout exceeded when trying to connect/, // pg-pool's connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/,
  /^connect ECONNREFUSED/,
];

/** TypeORM gives up a pooled connection that broke under it (the server went away mid-request). */
const RELEASED_UNDER_US = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  if (error instanceof Error && RELEASED_UNDER_US.has(error.name)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  const inner: unknown[] = [e.driverError, e.cause, e.originalError, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  return inner.some((next) => isDatabaseUnavailable(next, depth + 1));
}

/** PostgreSQL's query_canceled: the statement ran past statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; driverError?: unknown };
  return e.code === '57014' || isStatementTimeout(e.driverError);
}

export const DATABASE_UNAVAILABLE_MESSAGE = "Kinship can't reach its database just now. Please try again in a minute.";
