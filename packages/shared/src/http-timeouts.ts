/**
 * How long the api and the web wait on a client, in seconds. Node's own defaults let a body sent
 * at one byte a second hold a connection for five minutes; these end it with 408 much sooner.
 * Each is read from the environment variable of the same name, by the api's config and the web's
 * server entry alike.
 */
export const HTTP_TIMEOUTS = {
  /** The whole request, headers and body, must arrive within this. */
  HTTP_REQUEST_TIMEOUT_SECONDS: { default: 30, min: 1, max: 3600 },
  /** The headers must arrive within this. */
  HTTP_HEADERS_TIMEOUT_SECONDS: { default: 10, min: 1, max: 600 },
  /** An idle kept-alive connection is closed after this. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: { default: 5, min: 1, max: 600 },
} as const;

export type HttpTimeoutName = keyof typeof HTTP_TIMEOUTS;

/** The parts of a Node HTTP server that the timeouts set (structural: no Node types needed here). */
export interface TimedServer {
  requestTimeout: number;
  headersTimeout: number;
  keepAliveTimeout: number;
  /** An own property of Node's servers, read when they start listening (@types/node does not declare it). */
  connectionsCheckingInterval?: number;
}

export interface HttpTimeouts {
  requestSeconds: number;
  headersSeconds: number;
  keepAliveSeconds: number;
}

/** Reads the three variables; each bad one is named in `problems` (and its default used). */
export function readHttpTimeouts(env: Record<string, string | undefined>): { timeouts: HttpTimeouts; problems: string[] } {
  const problems: string[] = [];
  const read = (name: HttpTimeoutName): number => {
    const rule = HTTP_TIMEOUTS[name];
    const raw = env[name];
    if (raw === undefined || raw === '') return rule.default;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
      problems.push(`${name}: must be a whole number of seconds from ${rule.min} to ${rule.max}`);
      return rule.default;
    }
    return value;
  };
  const timeouts = {
    requestSeconds: read('HTTP_REQUEST_TIMEOUT_SECONDS'),
    headersSeconds: read('HTTP_HEADERS_TIMEOUT_SECONDS'),
    keepAliveSeconds: read('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS'),
  };
  // Node requires the headers to be due no later than the whole request.
  timeouts.headersSeconds = Math.min(timeouts.headersSeconds, timeouts.requestSeconds);
  return { timeouts, problems };
}

/** Sets the timeouts on a server before it listens. */
export function applyHttpTimeouts(server: TimedServer, timeouts: HttpTimeouts): void {
  server.requestTimeout = timeouts.requestSeconds * 1000;
  server.headersTimeout = timeouts.headersSeconds * 1000;
  // Above the keep-alive time of a proxy in front, so the proxy never reuses a connection being closed.
  server.keepAliveTimeout = timeouts.keepAliveSeconds * 1000;
  // Node looks for overdue requests every 30 s by default, so a 10 s limit could take 40 s to bite.
  server.connectionsCheckingInterval = Math.max(250, (Math.min(timeouts.headersSeconds, timeouts.requestSeconds) * 1000) / 4);
}
