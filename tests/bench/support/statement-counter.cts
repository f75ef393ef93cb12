// Preloaded with `node --require` into the api (figure 2) and into the bare server (to check that it
// runs the api's SQL): records the text of every statement the process sends to PostgreSQL through
// `pg`, between a POST /start and a POST /stop on BENCH_STATEMENT_COUNTER_PORT. Only statement
// texts are kept (values travel as parameters), never the values themselves.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

interface QueryConfig {
  text?: unknown;
}
type Query = (this: unknown, config: unknown, ...rest: unknown[]) => unknown;

const port = Number(process.env.BENCH_STATEMENT_COUNTER_PORT);
if (!Number.isInteger(port) || port <= 0)
  throw new Error('statement-counter: set BENCH_STATEMENT_COUNTER_PORT');

// The `pg` the program itself loads (resolved from its entry file), so the Client it uses is patched.
const pg = createRequire(resolve(process.argv[1]))('pg') as { Client: { prototype: { query: Query } } };
const original = pg.Client.prototype.query;
let recording: string[] | null = null;

pg.Client.prototype.query = function query(this: unknown, config: unknown, ...rest: unknown[]) {
  if (recording) {
    const text = typeof config === 'string' ? config : (config as QueryConfig | null)?.text;
    if (typeof text === 'string') recording.push(text);
  }
  return original.call(this, config, ...rest);
};

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/start') {
    recording = [];
    res.writeHead(204).end();
  } else if (req.method === 'POST' && req.url === '/stop') {
    const statements = recording ?? [];
    recording = null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statements }));
  } else {
    res.writeHead(404).end();
  }
});
server.listen(port, '127.0.0.1');
server.unref();
