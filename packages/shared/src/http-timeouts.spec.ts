import { describe, expect, it } from 'vitest';
import { applyHttpTimeouts, readHttpTimeouts } from './http-timeouts.js';

describe('readHttpTimeouts', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readHttpTimeouts({})).toEqual({ timeouts: { requestSeconds: 30, headersSeconds: 10, keepAliveSeconds: 5 }, problems: [] });
  });

  it('names every bad variable', () => {
    const { problems } = readHttpTimeouts({ HTTP_REQUEST_TIMEOUT_SECONDS: '0', HTTP_HEADERS_TIMEOUT_SECONDS: 'soon', HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '2' });
    expect(problems).toEqual([
      'HTTP_REQUEST_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 3600',
      'HTTP_HEADERS_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 600',
    ]);
  });

  it('never lets the headers wait longer than the whole request', () => {
    expect(readHttpTimeouts({ HTTP_REQUEST_TIMEOUT_SECONDS: '2' }).timeouts.headersSeconds).toBe(2);
  });

  it('sets them on a server in milliseconds', () => {
    const server = { requestTimeout: 300_000, headersTimeout: 60_000, keepAliveTimeout: 5000, connectionsCheckingInterval: 30_000 };
    applyHttpTimeouts(server, { requestSeconds: 30, headersSeconds: 10, keepAliveSeconds: 7 });
    // Overdue requests are looked for four times per headers timeout.
    expect(server).toEqual({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 7000, connectionsCheckingInterval: 2500 });
  });
});
