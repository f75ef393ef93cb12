import { ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';

export { freePort } from '../e2e/support/ports.js';

const KEEP_LOG_CHARS = 20_000;

/**
 * The processes a run starts (api, worker, web, the instrumented api, the bare server). Their
 * output is kept in memory, not printed, and shown only when something fails to start.
 */
export class Processes {
  private readonly children = new Map<string, ChildProcess>();
  private readonly logs = new Map<string, string>();

  start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.set(name, child);
    this.logs.set(name, '');
    const keep = (chunk: Buffer) =>
      this.logs.set(name, ((this.logs.get(name) ?? '') + chunk.toString()).slice(-KEEP_LOG_CHARS));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** Polls `url` until it answers below 500; fails early, with the process's output, if it exits. */
  async waitFor(name: string, url: string, timeoutMs = 60_000): Promise<void> {
    const child = this.children.get(name);
    if (!child) throw new Error(`no process named ${name}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${this.output(name)}`,
        );
      }
      try {
        const res = await fetch(url, { redirect: 'manual' });
        await res.body?.cancel();
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms:\n${this.output(name)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  output(name: string): string {
    return this.logs.get(name) ?? '';
  }

  /** Fails with the process's output when it has died (checked after each figure). */
  assertRunning(...names: string[]): void {
    for (const name of names) {
      const child = this.children.get(name);
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        throw new Error(
          `${name} exited (${child.exitCode ?? child.signalCode}) during the run:\n${this.output(name)}`,
        );
      }
    }
  }

  async stop(name: string): Promise<void> {
    const child = this.children.get(name);
    this.children.delete(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
  }
}

/** Removes every key under the run's prefix (queues, rate-limit counters, the floor's queue). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}
