import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/* Shared by the fault tests: a free port, a Redis of their own, and polling until a condition holds. */

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of our own on a spare port, so stopping it never disturbs anyone else. */
export class OwnRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
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
      socket.once('data', (reply) => (socket.end(), reply.toString().startsWith('+OK') ? resolve() : reject(new Error(reply.toString()))));
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
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
