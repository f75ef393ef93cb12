import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from './ports.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = promisify(execFile);

function defaultAdminUrl(): string {
  return process.env.DATABASE_URL || 'postgres://kinship:kinship@127.0.0.1:5432/kinship';
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}


async function waitFor(url: string, timeoutMs: number, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode} before answering`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The built api, worker and web on free ports, with their own database (migrated) and Redis
 * prefix; `stop()` ends the processes and removes both. Needs `npm run build` first.
 */
export class Stack {
  readonly processes: ChildProcess[] = [];
  private readonly named = new Map<string, { child: ChildProcess; args: string[] }>();
  readonly logs: string[] = [];
  env!: NodeJS.ProcessEnv;
  webUrl!: string;
  apiUrl!: string;
  private database!: string;
  private adminUrl!: string;

  /** options.adminUrl: a PostgreSQL server other than DATABASE_URL's to create the database on. */
  static async start(
    overrides: Record<string, string> = {},
    options: { web?: boolean; adminUrl?: string } = {},
  ): Promise<Stack> {
    const stack = new Stack();
    const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
    stack.database = `kinship_e2e_${suffix}`;
    stack.adminUrl = options.adminUrl ?? defaultAdminUrl();
    await admin(stack.adminUrl, (c) => c.query(`CREATE DATABASE "${stack.database}"`));
    const databaseUrl = new URL(stack.adminUrl);
    databaseUrl.pathname = `/${stack.database}`;
    const [apiPort, webPort] = [await freePort(), await freePort()];
    stack.apiUrl = `http://127.0.0.1:${apiPort}`;
    stack.webUrl = `http://127.0.0.1:${webPort}`;
    stack.env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `ke2e_${suffix}`,
      API_PORT: String(apiPort),
      API_URL: stack.apiUrl,
      PORT: String(webPort),
      HOST: '127.0.0.1',
      ORIGIN: stack.webUrl,
      OUTBOX_POLL_MS: '200',
      APP_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456',
      WEB_ORIGIN: stack.webUrl,
      // One person plays several members within seconds; posting pace has its own api tests.
      POST_INTERVAL_SECONDS_NEW_MEMBER: '0',
      THREAD_INTERVAL_SECONDS_NEW_MEMBER: '0',
      POST_INTERVAL_SECONDS: '0',
      THREAD_INTERVAL_SECONDS: '0',
      ...overrides,
    };
    try {
      await run('node', [join(ROOT, 'api/dist/cli/migrate.js')], { env: stack.env });
      const api = stack.spawn('api', [join(ROOT, 'api/dist/main.js')]);
      stack.spawn('worker', [join(ROOT, 'api/dist/worker.js')]);
      await waitFor(`${stack.apiUrl}/health`, 30_000, api, 'api');
      if (options.web !== false) {
        const web = stack.spawn('web', [join(ROOT, 'web/server.js')]);
        await waitFor(`${stack.webUrl}/signin`, 30_000, web, 'web');
      }
    } catch (error) {
      await stack.stop();
      throw new Error(`${(error as Error).message}\n--- output ---\n${stack.logs.join('')}`);
    }
    return stack;
  }

  /** Sends a signal to one of the processes and waits for it to exit; returns its exit code. */
  async signal(name: 'api' | 'worker' | 'web', signal: NodeJS.Signals): Promise<number | null> {
    const entry = this.named.get(name);
    if (!entry || entry.child.exitCode !== null || entry.child.signalCode !== null)
      return entry?.child.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => entry.child.once('exit', (code) => resolve(code)));
    entry.child.kill(signal);
    return exited;
  }

  /** Starts a process again (after `signal`), with the same settings. */
  restart(name: 'worker'): void {
    const entry = this.named.get(name);
    if (!entry) throw new Error(`no ${name} to restart`);
    this.spawn(name, entry.args);
  }

  /**
   * One more api, worker or web process against this stack's database and Redis, with some
   * settings changed (an https ORIGIN for a web behind a TLS proxy; a second replica of the api
   * or worker), ended by `stop()`. Returns the address of an api or web, '' for a worker.
   */
  async startExtra(kind: 'api' | 'worker' | 'web', overrides: Record<string, string> = {}): Promise<string> {
    const port = kind === 'worker' ? 0 : await freePort();
    const url = kind === 'worker' ? '' : `http://127.0.0.1:${port}`;
    const entry = { api: 'api/dist/main.js', worker: 'api/dist/worker.js', web: 'web/server.js' }[kind];
    const env = { ...this.env, ...(kind === 'api' ? { API_PORT: String(port) } : kind === 'web' ? { PORT: String(port) } : {}), ...overrides };
    const child = spawn('node', [join(ROOT, entry)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.logs.push(`[${kind}:${port || 'extra'}] ${chunk.toString()}`);
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.processes.push(child);
    if (kind === 'api') await waitFor(`${url}/health`, 30_000, child, `api on port ${port}`);
    if (kind === 'web') await waitFor(`${url}/signin`, 30_000, child, `web on port ${port}`);
    return url;
  }

  private spawn(name: string, args: string[]): ChildProcess {
    const child = spawn('node', args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.named.set(name, { child, args });
    const keep = (chunk: Buffer) => this.logs.push(`[${name}] ${chunk.toString()}`);
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.processes.push(child);
    return child;
  }

  /** A single-use ADMIN invite code, made the way an operator makes one (`npm run create-admin`). */
  async createAdminInvite(email: string): Promise<string> {
    const { stdout } = await run('node', [join(ROOT, 'api/dist/cli/create-admin.js'), email], {
      env: this.env,
    });
    return stdout.trim().split('\n').at(-1)!.trim();
  }

  /**
   * A form posted as a browser without scripts posts it: same origin (ORIGIN, unless `origin`
   * says otherwise), HTML accepted, redirects not followed, the session cookie when `token` is
   * given. `webUrl` sends it to another web of the stack (startExtra).
   */
  postForm(
    path: string,
    fields: Record<string, string>,
    options: { token?: string; webUrl?: string; origin?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(`${options.webUrl ?? this.webUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        origin: options.origin ?? this.env.ORIGIN ?? this.webUrl,
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.token ? { cookie: `kinship_session=${options.token}` } : {}),
        ...options.headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Reads the stack's own database (for assertions a member could not make through the API). */
  async sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(query, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Calls the api directly (test set-up through the public API). */
  async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await fetch(`${this.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    const redis = new Redis(this.env.REDIS_URL!, { maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      const keys = await redis.keys(`${this.env.REDIS_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
    } catch {
      // A test's own Redis may already be gone.
    } finally {
      redis.disconnect();
    }
    await admin(this.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`));
  }
}
