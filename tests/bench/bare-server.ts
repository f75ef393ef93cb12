/**
 * The "bare" reference of figure 1: plain Node http and a pg Pool of the api's size (10), answering
 * the web's ThreadPage operation with the api's own statements (bare-queries.ts) and the same JSON.
 * Started as its own process by the harness: BARE_PORT, DATABASE_URL.
 */
import { createServer, type IncomingMessage } from 'node:http';
import pg from 'pg';
import { BareError, threadPage, type Run, type ThreadPageVariables } from './bare-queries.js';

const port = Number(process.env.BARE_PORT);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  application_name: 'kinship-bare',
});
const run: Run = async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[];

async function readJson(req: IncomingMessage): Promise<{ variables?: ThreadPageVariables }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: ThreadPageVariables };
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200).end('ok');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/graphql') {
    res.writeHead(404).end();
    return;
  }
  const token = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  readJson(req)
    .then(async ({ variables }) => {
      if (!token || !variables) throw new BareError('UNAUTHENTICATED');
      const json = await threadPage(run, token, variables);
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(`${json}\n`); // Apollo ends its answers with a newline too
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ errors: [{ message }] }));
    });
});

server.listen(port, '127.0.0.1');
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
