import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server of the test's own (the machine's PostgreSQL binaries, a throw-away data
 * folder, a spare port), so that stopping it never disturbs anyone else's databases. PostgreSQL
 * refuses to run as root: when the tests do, the server runs as the `postgres` user.
 */
export class OwnPostgres {
  private child?: ChildProcess;
  private readonly dir: string;
  private readonly bin: string;
  private readonly owner?: { uid: number; gid: number };

  constructor(readonly port: number) {
    this.bin = OwnPostgres.binaries();
    this.dir = mkdtempSync(join(tmpdir(), 'kinship-own-pg-'));
    if (process.getuid?.() === 0) {
      this.owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      };
      chmodSync(this.dir, 0o700);
      chownSync(this.dir, this.owner.uid, this.owner.gid);
    }
  }

  /** Where initdb and postgres are (Debian's layout, newest major first); PG_BIN overrides. */
  static binaries(): string {
    if (process.env.PG_BIN) return process.env.PG_BIN;
    const root = '/usr/lib/postgresql';
    const major = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
    if (!major)
      throw new Error(
        'No PostgreSQL server binaries found under /usr/lib/postgresql (install postgresql, or set PG_BIN)',
      );
    return join(root, major, 'bin');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  async start(): Promise<void> {
    if (!existsSync(this.data)) {
      execFileSync(
        join(this.bin, 'initdb'),
        ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'],
        {
          stdio: 'ignore',
          ...this.owner,
        },
      );
    }
    this.child = spawn(
      join(this.bin, 'postgres'),
      [
        '-D',
        this.data,
        '-p',
        String(this.port),
        '-k',
        this.dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
      ],
      { stdio: 'ignore', ...this.owner },
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
      }
      if (this.child.exitCode !== null) throw new Error(`postgres exited with code ${this.child.exitCode}`);
      if (Date.now() > deadline) throw new Error('postgres did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A fast shutdown (SIGINT): open transactions are rolled back and every connection is closed. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
