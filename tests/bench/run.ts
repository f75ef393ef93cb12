/**
 * `npm run bench [-- --scale tiny|small|medium|large] [--skip-build] [--keep-database] [--seed-only] [--results <dir>]`
 *
 * Creates its own database (kinship_bench_<scale>) and Redis key prefix, seeds it in SQL, starts
 * the production builds of the api, worker and web against it (NODE_ENV=production), measures the
 * seven figures of issue 10 against references measured in the same run, prints a Markdown table
 * with each target's mark and writes tests/bench/results/<date>-<scale>.json. Everything it made is
 * removed at the end, also when it fails or is interrupted. Exits 0 when every figure was measured
 * (missed targets included), 1 when one could not be.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { BenchContext } from './context.js';
import { connect, createDatabase, databaseUrl, dropDatabase, migrate, serverVersion } from './database.js';
import { deepPages } from './figures/deep-pages.js';
import { fanOut } from './figures/fan-out.js';
import { graphqlOverhead } from './figures/graphql-overhead.js';
import { loadTest } from './figures/load-test.js';
import { search } from './figures/search.js';
import { statements } from './figures/statements.js';
import { web } from './figures/web.js';
import { round } from './load.js';
import { login } from './operations.js';
import { paths, ROOT } from './paths.js';
import { markdown, rows, type FigureName, type Figures } from './report.js';
import { SCALES, SCALE_NAMES, isScaleName, type Scale } from './scales.js';
import { SEED_PASSWORD, seed } from './seed.js';
import { deleteRedisKeys, freePort, Processes, redisVersion } from './stack.js';

const execFileAsync = promisify(execFile);

interface Options {
  scale: Scale;
  build: boolean;
  keepDatabase: boolean;
  /** Seed and keep the database, measure nothing (for EXPLAIN ANALYZE by hand). */
  seedOnly: boolean;
  resultsDir: string;
}

function parseArgs(argv: string[]): Options {
  let scale: Scale = SCALES.medium;
  let build = true;
  let keepDatabase = false;
  let seedOnly = false;
  let resultsDir = paths.results;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg.startsWith('--scale=')
      ? arg.slice('--scale='.length)
      : arg === '--scale'
        ? argv[++i]
        : undefined;
    if (value !== undefined) {
      if (!isScaleName(value)) throw new Error(`--scale must be one of ${SCALE_NAMES.join(', ')}`);
      scale = SCALES[value];
    } else if (arg === '--skip-build') build = false;
    else if (arg === '--keep-database') keepDatabase = true;
    else if (arg === '--seed-only') seedOnly = keepDatabase = true;
    else if (arg === '--results') resultsDir = argv[++i] ?? resultsDir;
    else
      throw new Error(
        `unknown argument ${arg} (expected --scale <${SCALE_NAMES.join('|')}>, --skip-build, --keep-database, --seed-only, --results <dir>)`,
      );
  }
  return { scale, build, keepDatabase, seedOnly, resultsDir };
}

/** How busy all CPUs are over `ms` (percent), measured while the started stack sits idle. */
async function cpuBusy(ms: number): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (t, c) => {
        const busy = c.times.user + c.times.nice + c.times.sys + c.times.irq;
        return { busy: t.busy + busy, all: t.all + busy + c.times.idle };
      },
      { busy: 0, all: 0 },
    );
  const a = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = sample();
  return Math.round((100 * (b.busy - a.busy)) / Math.max(1, b.all - a.all));
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (line: string) => console.log(`[bench ${elapsed().padStart(4)}] ${line}`);

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const { scale } = options;
  const database = `kinship_bench_${scale.name}`;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redisPrefix = `kbench_${scale.name}_${process.pid}`;
  const processes = new Processes();
  let db: pg.Client | undefined;
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await processes.stopAll();
    await db?.end().catch(() => undefined);
    await deleteRedisKeys(redisUrl, redisPrefix).catch((e: Error) =>
      log(`could not remove Redis keys: ${e.message}`),
    );
    if (!options.keepDatabase)
      await dropDatabase(database).catch((e: Error) => log(`could not drop ${database}: ${e.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(
    `scale ${scale.name}: ${scale.members.toLocaleString('en')} members, ${scale.threads.toLocaleString('en')} threads, ${scale.posts.toLocaleString('en')} posts`,
  );
  try {
    if (options.build) {
      log('building (turbo run build)');
      await execFileAsync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
        cwd: ROOT,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
        maxBuffer: 64 * 1024 * 1024,
      }).catch((error: Error & { stdout?: string }) => {
        throw new Error(`the build failed (turbo run build):\n${(error.stdout ?? '').slice(-4000)}`);
      });
    }

    const [apiPort, webPort, barePort] = [await freePort(), await freePort(), await freePort()];
    const url = databaseUrl(database);
    const workerConcurrency = Number(process.env.WORKER_CONCURRENCY || 5);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      // Requests are not logged one by one (the bare server logs nothing either); warnings still are.
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      API_URL: `http://127.0.0.1:${apiPort}`,
      HOST: '127.0.0.1',
      PORT: String(webPort),
      ORIGIN: `http://127.0.0.1:${webPort}`,
      WEB_ORIGIN: `http://127.0.0.1:${webPort}`,
      APP_SECRET: randomBytes(32).toString('base64url'),
      WORKER_CONCURRENCY: String(workerConcurrency),
      // No email from a benchmark, whatever the shell has set.
      SMTP_URL: '',
      // One benchmark member writes the fan-out reply; posting pace has its own tests.
      POST_INTERVAL_SECONDS: '0',
      POST_INTERVAL_SECONDS_NEW_MEMBER: '0',
      THREAD_INTERVAL_SECONDS: '0',
      THREAD_INTERVAL_SECONDS_NEW_MEMBER: '0',
      BARE_PORT: String(barePort),
    };

    log(`database ${database}, Redis prefix ${redisPrefix}: create and migrate`);
    await createDatabase(database);
    await migrate(env);
    db = await connect(url);
    log('seeding');
    const world = await seed(db, scale, log);
    log(
      `seeded in ${world.seconds.toFixed(1)}s: ${Object.entries(world.counts)
        .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
        .join(', ')}; search_vector equal to the trigger's on ${world.searchVectorsChecked} sampled posts`,
    );

    if (options.seedOnly) {
      log(`kept ${database} (drop it with: DROP DATABASE ${database})`);
      return 0;
    }

    log('starting api, worker, web and the bare server (production builds)');
    processes.start('api', [paths.apiMain], env);
    processes.start('worker', [paths.worker], env);
    processes.start('web', [paths.web], env);
    processes.start('bare', [paths.bareServer], env);
    await processes.waitFor('api', `${env.API_URL}/health`);
    await processes.waitFor('web', `${env.ORIGIN}/signin`);
    await processes.waitFor('bare', `http://127.0.0.1:${barePort}/health`);
    const token = await login(env.API_URL!, world.viewerEmail, SEED_PASSWORD);

    const ctx: BenchContext = {
      scale,
      world,
      apiUrl: env.API_URL!,
      webUrl: env.ORIGIN!,
      bareUrl: `http://127.0.0.1:${barePort}`,
      databaseUrl: url,
      redisUrl,
      redisPrefix,
      env,
      processes,
      db,
      token,
      workerConcurrency,
      log,
    };

    // Other work on the machine skews every figure (ratios less than absolute numbers): say so.
    const busyBefore = await cpuBusy(2000);
    if (busyBefore > 25)
      log(`the machine is busy (${busyBefore}% CPU with the stack idle): figures will be noisy`);
    const figures: Figures = {};
    const errors: Partial<Record<FigureName, string>> = {};
    const measure = async <K extends FigureName>(
      name: K,
      label: string,
      fn: (c: BenchContext) => Promise<NonNullable<Figures[K]>>,
    ) => {
      log(label);
      try {
        figures[name] = await fn(ctx);
        processes.assertRunning('api', 'worker', 'web', 'bare');
      } catch (error) {
        errors[name] = (error as Error).message;
        log(`  failed: ${(error as Error).message.split('\n')[0]}`);
        processes.assertRunning('api', 'worker', 'web', 'bare');
      }
    };
    await measure('graphqlOverhead', '1/7 GraphQL overhead (api and bare server)', graphqlOverhead);
    await measure('statements', '2/7 statements per thread page', statements);
    await measure('deepPages', '3/7 deep pages', deepPages);
    await measure('search', '4/7 search', search);
    await measure('fanOut', '5/7 fan-out and the BullMQ floor', fanOut);
    await measure('load', '6/7 load, 50 connections', loadTest);
    await measure('web', '7/7 web page and JavaScript in Chromium', web);

    const table = rows(figures, scale, errors);
    const machine = {
      cpus: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: round(totalmem() / 1024 ** 3, 1),
      os: `${osType()} ${release()}`,
      node: process.version,
      postgres: await serverVersion(db),
      redis: await redisVersion(redisUrl),
      cpuBusyBeforePercent: busyBefore,
    };
    const date = new Date().toISOString().slice(0, 10);
    const durationSeconds = round((Date.now() - started) / 1000, 0);
    const seeded = {
      counts: world.counts,
      seconds: round(world.seconds, 1),
      searchVectorsChecked: world.searchVectorsChecked,
    };
    const result = {
      scale: scale.name,
      date,
      durationSeconds,
      machine,
      seed: seeded,
      figures,
      errors,
      table,
    };
    mkdirSync(options.resultsDir, { recursive: true });
    const file = join(options.resultsDir, `${date}-${scale.name}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

    console.log(`\n## Kinship benchmark, ${scale.name} scale, ${date}\n`);
    console.log(markdown(table));
    console.log(
      `\nMachine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres}, Redis ${machine.redis}; CPU ${busyBefore}% busy just before measuring. ` +
        `Ran in ${durationSeconds} s (seeding ${world.seconds.toFixed(0)} s).`,
    );
    if (figures.graphqlOverhead && !figures.graphqlOverhead.sameJson) {
      console.log(
        `\nThe bare server's JSON differs from the api's at ${figures.graphqlOverhead.firstDifference}`,
      );
    }
    if (
      figures.statements &&
      !(figures.statements.bareMatchesApi && figures.statements.bareSearchMatchesApi)
    ) {
      console.log(
        `\nThe bare references no longer send the api's statements:\n${figures.statements.differences.join('\n')}`,
      );
    }
    console.log(`\nResults: ${file}`);
    return Object.keys(errors).length ? 1 : 0;
  } finally {
    log('cleaning up');
    await cleanUp();
  }
}

main().then(
  (code) => {
    log(`done in ${elapsed()}`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
