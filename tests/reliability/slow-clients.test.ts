import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';

interface Exchange {
  /** What the server sent before it closed the connection. */
  answer: string;
  /** Bytes the client had sent when the server let go. */
  sent: number;
}

/**
 * Opens a connection to `url`, sends `opening`, then one more byte of `trickle` every 100 ms for
 * as long as the server keeps the connection open (at most `maxBytes`, so the loop always ends).
 * Resolves when the server closes the connection.
 */
function slowClient(url: string, opening: string, trickle: string, maxBytes = 600): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(opening);
      sent += opening.length;
      timer = setInterval(() => {
        if (sent - opening.length >= maxBytes) return clearInterval(timer);
        socket.write(trickle[(sent - opening.length) % trickle.length]);
        sent += 1;
      }, 100);
    });
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset the connection while a byte is on its way: that is it letting go.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sent });
    });
  });
}

/** A complete request on a kept-alive connection, then silence: resolves with the answer once the server closes it. */
function idleAfterOneRequest(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/**
 * Both servers let go of clients that send slowly: the whole request must arrive within
 * HTTP_REQUEST_TIMEOUT_SECONDS (here 1) and the headers within HTTP_HEADERS_TIMEOUT_SECONDS,
 * however steadily the bytes keep coming; an idle kept-alive connection is closed.
 */
describe('slow clients', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({
      HTTP_REQUEST_TIMEOUT_SECONDS: '1',
      HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
    });
  });
  afterAll(() => stack?.stop());

  const servers = () => [
    { name: 'api', url: stack.apiUrl, post: '/graphql', type: 'application/json', get: '/health' },
    { name: 'web', url: stack.webUrl, post: '/signin?/signin', type: 'application/x-www-form-urlencoded', get: '/signin' },
  ];

  it('answer 408 to a body sent a byte at a time, and close the connection', async () => {
    for (const server of servers()) {
      const { answer, sent } = await slowClient(
        server.url,
        `POST ${server.post} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.url}\r\nContent-Type: ${server.type}\r\nContent-Length: 1000\r\n\r\n{`,
        ' ',
      );
      expect(answer, server.name).toMatch(/^HTTP\/1\.1 408 /);
      // Let go after a few of the trickled bytes (one each 100 ms against a 1 s limit), not at the 600-byte cap.
      expect(sent, server.name).toBeLessThan(300);
    }
  });

  it('answer 408 to headers sent a byte at a time', async () => {
    for (const server of servers()) {
      const { answer } = await slowClient(server.url, `GET ${server.get} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: yes\r\n');
      expect(answer, server.name).toMatch(/^HTTP\/1\.1 408 /);
    }
  });

  it('close a kept-alive connection that stays idle after its answer', async () => {
    for (const server of servers()) {
      const answer = await idleAfterOneRequest(server.url, server.get);
      expect(answer, server.name).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer.toLowerCase(), server.name).toContain('keep-alive');
    }
  });
});
