// The web's server: SvelteKit's handler (adapter-node's build/handler.js, its documented "custom
// server" entry) on a Node HTTP server with Kinship's client timeouts. adapter-node's own
// build/index.js cannot set how long a request body may take to arrive, so a body sent at one byte
// a second would hold a connection for Node's default five minutes.
//
// Environment: PORT (3000), HOST (127.0.0.1), SHUTDOWN_TIMEOUT (seconds, 30), the HTTP_*_TIMEOUT_SECONDS
// of @kinship/shared, and everything build/handler.js reads (ORIGIN, BODY_SIZE_LIMIT, ...).
import http from 'node:http';
import { applyHttpTimeouts, readHttpTimeouts } from '@kinship/shared';
import { handler } from './build/handler.js';

const { timeouts, problems } = readHttpTimeouts(process.env);
if (problems.length > 0) {
  console.error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);

const server = http.createServer((req, res) =>
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  }),
);
applyHttpTimeouts(server, timeouts);
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

let stopping = false;
/** Stops taking requests, lets those under way finish (at most SHUTDOWN_TIMEOUT), then exits. */
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
