#!/usr/bin/env node
// `npm start`: install, check services, prepare the database, build, migrate, seed on first run,
// then run the api, the worker and the web together until Ctrl-C.
//
// Environment (all optional): DATABASE_URL, REDIS_URL, REDIS_PREFIX, API_PORT, API_HOST, API_URL,
// PORT, HOST, ORIGIN (web), NODE_ENV (default production), LOG_LEVEL, SMTP_URL, KINSHIP_HOME,
// LOCAL_POSTGRES_PORT, LOCAL_REDIS_PORT. With neither DATABASE_URL nor a PostgreSQL on the local
// default address, an embedded PostgreSQL runs (data in .kinship/pg); with neither REDIS_URL nor
// a Redis answering, the queues run on PostgreSQL.
//
// `npm start -- --reset-demo` wipes the local demo data first and seeds it again.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

import {
  BootstrapError,
  ROOT,
  appSecret,
  canConnect,
  colour,
  ensureDatabase,
  ensureInstalled,
  ensureServices,
  fail,
  info,
  ok,
  resetLocalData,
  run,
  runMain,
  serviceEnv,
  serviceSummary,
  sleep,
  step,
  stopEmbeddedPostgres,
  turbo,
} from './lib/bootstrap.mjs';

const USAGE = [
  'Usage: npm start [-- --reset-demo]',
  '',
  'Installs what is missing, prepares the database, builds, and serves Kinship at http://localhost:3000.',
  '  --reset-demo   wipe the local demo data (the embedded database, or the local `kinship` database)',
  '                 and seed the demo community again. Never touches a database named by DATABASE_URL.',
].join('\n');

function parseArgs(argv) {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = args.filter((a) => a !== '--reset-demo');
  if (unknown.length > 0)
    throw new BootstrapError(`Unknown option ${unknown[0]}.\n\n${USAGE}`, { exitCode: 2 });
  return { resetDemo: args.includes('--reset-demo') };
}

const STARTUP_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

const DEMO_PASSWORD = 'recovery-demo-2026';
const DEMO_ACCOUNTS = [
  ['admin', 'admin@kinship.local'],
  ['moderator', 'moderator@kinship.local'],
  ['member', 'river@kinship.local'],
];

const API_DIR = path.join(ROOT, 'api');
const WEB_DIR = path.join(ROOT, 'web');

function port(value, fallback, variable) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new BootstrapError(`${variable} must be a port number between 1 and 65535.`);
  }
  return n;
}

/** The address to poll for a server bound to `host` (a wildcard bind answers on loopback). */
function probeHost(host) {
  if (!host || host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function settings() {
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'production',
    APP_SECRET: appSecret(),
    ...serviceEnv(),
  };
  const apiPort = port(env.API_PORT, 4000, 'API_PORT');
  const webPort = port(env.PORT, 3000, 'PORT');
  if (apiPort === webPort)
    throw new BootstrapError(
      `API_PORT and PORT are both ${apiPort}: give the api and the web different ports.`,
    );
  const apiHost = env.API_HOST || '127.0.0.1';
  // Local use binds to loopback: a health-adjacent community should not appear on the LAN by
  // accident. Set HOST=0.0.0.0 to reach it from another device.
  const webHost = env.HOST || '127.0.0.1';
  const publicUrl = env.ORIGIN || `http://localhost:${webPort}`;
  const apiUrl = env.API_URL || `http://${probeHost(apiHost)}:${apiPort}`;
  return {
    env,
    apiPort,
    webPort,
    apiHost,
    webHost,
    publicUrl,
    apiEnv: { ...env, API_PORT: String(apiPort), API_HOST: apiHost, WEB_ORIGIN: env.WEB_ORIGIN || publicUrl },
    // adapter-node assumes https unless ORIGIN says otherwise; without it, form posts from
    // http://localhost fail SvelteKit's CSRF check.
    webEnv: { ...env, PORT: String(webPort), HOST: webHost, ORIGIN: publicUrl, API_URL: apiUrl },
    healthUrl: `http://${probeHost(apiHost)}:${apiPort}/health`,
    webProbeUrl: `http://${probeHost(webHost)}:${webPort}/`,
  };
}

function requireFile(relative, hint) {
  if (!fs.existsSync(path.join(ROOT, relative))) {
    throw new BootstrapError(`The build did not produce ${relative}. ${hint}`);
  }
}

async function checkPortFree(host, portNumber, variable) {
  if (await canConnect(host.replace(/^\[|\]$/g, ''), portNumber, 1000)) {
    throw new BootstrapError(
      `Port ${portNumber} is already in use (is Kinship already running in another terminal?).\n` +
        `  Stop that process, or choose another port with ${variable}=...`,
    );
  }
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

const children = [];
let stopping = false;

function prefixLines(stream, target, label) {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => target.write(`${label} ${line}\n`));
}

function startChild(name, paint, script, cwd, env) {
  const label = paint(`[${name}]`.padEnd(8));
  const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const record = { name, child, exited: false };
  children.push(record);
  prefixLines(child.stdout, process.stdout, label);
  prefixLines(child.stderr, process.stderr, label);
  child.on('error', (error) => {
    record.exited = true;
    if (!stopping) {
      fail(`Could not start the ${name}: ${error.message}`);
      void stopAll(1);
    }
  });
  // 'close' (not 'exit'): its output has been read by then, so last words are not lost.
  child.on('close', (code, signal) => {
    record.exited = true;
    if (!stopping && (signal === 'SIGINT' || code === 130)) {
      // Ctrl-C reaches the whole process group; the child may notice before we do. This is the
      // same Ctrl-C, not a second one: stop gently.
      announceStop('SIGINT');
      void stopAll(0);
    } else if (!stopping) {
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      fail(`The ${name} ${how}; stopping the others. Its last lines above say why.`);
      void stopAll(1);
    }
  });
  return record;
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => !c.exited);
  for (const { child } of running) child.kill('SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (children.some((c) => !c.exited) && Date.now() < deadline) await sleep(100);
  for (const { name, child, exited } of children) {
    if (!exited) {
      console.error(`    ${name} did not stop within ${STOP_GRACE_MS / 1000}s; killing it`);
      child.kill('SIGKILL');
    }
  }
  // Only now: the app's connections are closed (the embedded server ignored the terminal's Ctrl-C).
  await stopEmbeddedPostgres().catch((error) =>
    console.error(`    could not stop the embedded PostgreSQL: ${error.message}`),
  );
  process.exit(exitCode);
}

// One Ctrl-C can arrive more than once: from the terminal and again from `npm`, which forwards
// it to this script. Only a signal this long after the first counts as a second, impatient one.
const SAME_SIGNAL_MS = 1500;
let firstSignalAt = 0;
let announced = false;

function announceStop(signal) {
  if (announced) return;
  announced = true;
  console.log(`\n${colour.bold('Stopping Kinship')} (${signal})…`);
}

function onSignal(signal) {
  if (firstSignalAt && Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
  if (firstSignalAt) {
    // A second Ctrl-C: do not wait any longer (an embedded PostgreSQL left running is reused next time).
    for (const { child, exited } of children) if (!exited) child.kill('SIGKILL');
    process.exit(130);
  }
  firstSignalAt = Date.now();
  announceStop(signal);
  void stopAll(0);
}

/** Polls `url` until `accept(status)` or the deadline; gives up early if a child has died. */
async function waitForHttp(name, url, accept) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!stopping) {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(3000) });
      await response.body?.cancel();
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() >= deadline) {
      fail(
        `The ${name} did not answer on ${url} within ${STARTUP_TIMEOUT_MS / 1000}s; stopping. Its output above says why.`,
      );
      await stopAll(1);
    }
    await sleep(300);
  }
  // A child died meanwhile: stopAll() is already exiting the process.
  await new Promise(() => {});
}

function banner(s) {
  const rule = colour.dim('─'.repeat(64));
  const services = serviceSummary();
  const emailLine = process.env.SMTP_URL
    ? `${colour.green('enabled')} (SMTP_URL is set)`
    : `${colour.yellow('disabled')} (set SMTP_URL to send email; in-app notifications still work)`;
  const lines = [
    '',
    rule,
    `  ${colour.bold('Kinship is running:')}  ${colour.bold(colour.cyan(s.publicUrl))}`,
    '',
    `  Demo sign-ins (made on the first run, when the database had no users)`,
    ...DEMO_ACCOUNTS.map(([role, email]) => `    ${role.padEnd(10)} ${email}`),
    `    password   ${DEMO_PASSWORD}   (the same for all three)`,
    '',
    `  Database: ${services.database}`,
    `  Queues:   ${services.queues}`,
    `  Email:    ${emailLine}`,
    `  Invite staff:  npm run create-admin -- <email>`,
    `  Start afresh:  npm start -- --reset-demo`,
    '',
    `  ${colour.bold('Press Ctrl-C to stop.')}`,
    rule,
    '',
  ];
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await ensureInstalled();
  await ensureServices({ redis: 'optional' });
  try {
    await serve(options);
  } catch (error) {
    await stopEmbeddedPostgres().catch(() => undefined);
    throw error;
  }
}

async function serve(options) {
  if (options.resetDemo) await resetLocalData();
  await ensureDatabase();
  const s = settings();

  step('Building (turbo run build)');
  await turbo(['run', 'build']);
  requireFile('api/dist/main.js', 'Check the api build output above.');
  requireFile('api/dist/worker.js', 'Check the api build output above.');
  requireFile('web/build/handler.js', 'Check the web build output above.');

  step('Applying database migrations');
  await run(process.execPath, ['dist/cli/migrate.js'], {
    cwd: API_DIR,
    env: s.apiEnv,
    display: 'node api/dist/cli/migrate.js',
  });

  step('Adding the demo community (only when the database has no users yet)');
  await run(process.execPath, ['dist/cli/seed.js'], {
    cwd: API_DIR,
    env: s.apiEnv,
    display: 'node api/dist/cli/seed.js',
  });

  step('Starting the api, the worker and the web');
  await checkPortFree(probeHost(s.apiHost), s.apiPort, 'API_PORT');
  await checkPortFree(probeHost(s.webHost), s.webPort, 'PORT');

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  startChild('api', colour.magenta, 'dist/main.js', API_DIR, s.apiEnv);
  startChild('worker', colour.blue, 'dist/worker.js', API_DIR, s.apiEnv);
  startChild('web', colour.green, 'server.js', WEB_DIR, s.webEnv);

  info(`Waiting for the api at ${s.healthUrl}`);
  await waitForHttp('api', s.healthUrl, (status) => status >= 200 && status < 300);
  ok('api is healthy');
  info(`Waiting for the web at ${s.webProbeUrl}`);
  await waitForHttp('web', s.webProbeUrl, (status) => status < 500);
  ok('web answers');

  banner(s);
  // Keep running until a signal or a child's exit calls stopAll().
  await new Promise(() => {});
}

runMain(main);
