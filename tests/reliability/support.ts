import { ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect, createServer, Server, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Stack } from '../e2e/support/stack.js';

/*
 * Shared by the fault and concurrency tests: a free port, a Redis and a mail server of their own,
 * members joined through the public API, polling until a condition holds, and waiting until a
 * stack has nothing left in flight.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The api's queue names (api/src/queue/jobs.ts), read from the build the stack runs. */
const { QUEUES } = createRequire(import.meta.url)(join(ROOT, 'api/dist/queue/jobs.js')) as {
  QUEUES: readonly string[];
};

export { freePort } from '../e2e/support/ports.js';

/** A Redis of our own on a spare port, so stopping it never disturbs anyone else. */
export class OwnRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect(this.port, '127.0.0.1');
        socket.once('connect', () => (socket.end(), resolve(true)));
        socket.once('error', () => resolve(false));
      }).catch(() => false);
      if (up) return;
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  /** FLUSHALL: every key gone, the server itself untouched. */
  async flush(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(this.port, '127.0.0.1', () => socket.write('*1\r\n$8\r\nFLUSHALL\r\n'));
      socket.once(
        'data',
        (reply) => (
          socket.end(),
          reply.toString().startsWith('+OK') ? resolve() : reject(new Error(reply.toString()))
        ),
      );
      socket.once('error', reject);
    });
  }

  /** Stopped and started again: with no persistence, everything it held is gone. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function until<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const PASSWORD = 'a-long-enough-password';

export interface Member {
  id: string;
  token: string;
  email: string;
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;

/** The first admin, made the way an operator makes one (`npm run create-admin`), then registered. */
export async function registerAdmin(
  stack: Stack,
  email: string,
  displayName = 'Program Staff',
): Promise<Member> {
  const inviteCode = await stack.createAdminInvite(email);
  const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
    input: { inviteCode, email, password: PASSWORD, displayName },
  });
  return { id: register.user.id, token: register.token, email };
}

/** `n` members invited by `admin` (ten at a time), each registered through the public API. */
export async function registerMembers(
  stack: Stack,
  admin: Member,
  n: number,
  role = 'MEMBER',
): Promise<Member[]> {
  const one = async (): Promise<Member> => {
    const { createInvite } = await stack.gql<{ createInvite: { code: string } }>(
      `mutation($role: Role!) { createInvite(input: { role: $role }) { code } }`,
      { role },
      admin.token,
    );
    const name = `m${Math.random().toString(36).slice(2, 10)}`;
    const email = `${name}@example.org`;
    const { register } = await stack.gql<{ register: { token: string; user: { id: string } } }>(REGISTER, {
      input: { inviteCode: createInvite.code, email, password: PASSWORD, displayName: name },
    });
    return { id: register.user.id, token: register.token, email };
  };
  const out: Member[] = [];
  for (let i = 0; i < n; i += 10)
    out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, one))));
  return out;
}

/** Runs `work` with the stack's BullMQ queues, by name. */
export async function withQueues<T>(
  stack: Stack,
  work: (queues: Map<string, Queue>) => Promise<T>,
): Promise<T> {
  const connection = new Redis(stack.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const queues = new Map(
    QUEUES.map((name) => [name, new Queue(name, { connection, prefix: stack.env.REDIS_PREFIX })]),
  );
  try {
    return await work(queues);
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    connection.disconnect();
  }
}

/**
 * Waits until nothing is in flight: every committed outbox row relayed, and no job waiting,
 * running (a killed worker's job counts until it is run again), or due and not yet started,
 * including retries waiting out their backoff. Jobs delayed into the future (tomorrow's
 * reminders) are not waited for. Needs a worker running.
 */
export async function settled(stack: Stack, timeoutMs = 30_000): Promise<void> {
  await withQueues(stack, (queues) =>
    until(async () => {
      const [{ pending }] = await stack.sql<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`,
      );
      if (pending > 0) return undefined;
      for (const queue of queues.values()) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        if (Object.values(counts).some((n) => n > 0)) return undefined;
        const now = Date.now();
        const delayed = await queue.getDelayed();
        if (delayed.some((job) => job.attemptsMade > 0 || job.timestamp + job.delay <= now)) return undefined;
      }
      return true;
    }, timeoutMs),
  );
}

interface Accepted {
  from: string;
  to: string[];
}

/**
 * A mail server of our own (plain SMTP, no TLS or auth) that keeps the envelope of each message
 * it accepts. `holdAfter(n)`: once `n` messages are accepted, the next one is read to its end but
 * not answered, so it is not accepted and its sender waits, as on a stalled server; if the
 * sender's connection drops meanwhile, that message never arrived. `release()` answers what it
 * holds and stops holding.
 */
export class SmtpSink {
  readonly accepted: Accepted[] = [];
  private readonly held = new Set<() => void>();
  private readonly sockets = new Set<Socket>();
  private holdAt = Infinity;
  private server?: Server;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages read to their end and not yet answered. */
  get holding(): number {
    return this.held.size;
  }

  async start(): Promise<void> {
    const server = createServer((socket) => this.session(socket));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
  }

  holdAfter(accepted: number): void {
    this.holdAt = accepted;
  }

  release(): void {
    this.holdAt = Infinity;
    for (const answer of [...this.held]) answer();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let envelope: Accepted = { from: '', to: [] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const address = (line: string) => /<([^>]*)>/.exec(line)?.[1].toLowerCase() ?? '';
    const ended = (message: Accepted) => {
      const answer = () => {
        this.held.delete(answer);
        this.accepted.push(message);
        reply('250 OK: queued');
      };
      if (this.accepted.length < this.holdAt) return answer();
      this.held.add(answer);
      socket.once('close', () => this.held.delete(answer));
    };
    const line = (text: string) => {
      if (inData) {
        if (text !== '.') return;
        inData = false;
        return ended(envelope);
      }
      switch (text.slice(0, 4).toUpperCase()) {
        case 'EHLO':
        case 'HELO':
          return reply('250 sink');
        case 'MAIL':
          envelope = { from: address(text), to: [] };
          return reply('250 OK');
        case 'RCPT':
          envelope.to.push(address(text));
          return reply('250 OK');
        case 'DATA':
          inData = true;
          return reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          envelope = { from: '', to: [] };
          return reply('250 OK');
        case 'NOOP':
          return reply('250 OK');
        case 'QUIT':
          reply('221 Bye');
          socket.end();
          return;
        default:
          reply('502 Command not implemented');
      }
    };
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        line(text);
      }
    });
    socket.on('error', () => undefined); // a sender killed mid-message resets the connection
    socket.on('close', () => this.sockets.delete(socket));
    reply('220 sink ESMTP');
  }
}
