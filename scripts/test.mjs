#!/usr/bin/env node
// `npm test`: install, check services, prepare the database, then build, lint + typecheck and
// test every workspace through Turborepo, stopping at the first failure.
//
// Environment is passed through (DATABASE_URL, REDIS_URL, CHROME_PATH, CI, ...); turbo.json lists
// what each task may see.

import path from 'node:path';
import {
  BootstrapError,
  CommandError,
  colour,
  ensureChromium,
  ensureDatabase,
  ensureImageNode,
  ensureInstalled,
  ensureServices,
  fail,
  formatDuration,
  IMAGE_NODE,
  info,
  ROOT,
  run,
  runMain,
  serviceEnv,
  step,
  stopEmbeddedPostgres,
  turbo,
} from './lib/bootstrap.mjs';

const STEPS = [
  {
    // The api's rooms: plumbing imports no domain, content domains never the moderation
    // workflow, screening stays below them, and no two domains import each other.
    name: 'module rules',
    title: 'Checking the api module rules (scripts/check-modules.mjs)',
    run: () => run(process.execPath, [path.join(ROOT, 'scripts', 'check-modules.mjs')], { display: 'node scripts/check-modules.mjs' }),
  },
  { name: 'build', title: 'Building (turbo run build)', run: (env) => turbo(['run', 'build'], { env }) },
  {
    name: 'lint+typecheck',
    title: 'Linting and type-checking (turbo run lint typecheck)',
    run: (env) => turbo(['run', 'lint', 'typecheck'], { env }),
  },
  {
    name: 'test',
    title: 'Testing (turbo run test --concurrency=1)',
    run: (env) => turbo(['run', 'test', '--concurrency=1'], { env, capture: true }),
    countTests: true,
  },
  {
    // The images run Node.js 24 while a laptop may run 20: the api's and worker's own tests run on
    // the images' Node.js as well (skipped where its binary cannot be had: not Linux x64), with
    // the jobs and rate limits on PostgreSQL (BullMQ's PostgreSQL backend, the default where no
    // Redis answers), so the whole api suite runs on both queue stores.
    name: `api on node ${IMAGE_NODE.split('.')[0]} + postgres queues`,
    title: `Testing the api again on Node.js ${IMAGE_NODE}, the Docker images' line, with QUEUE_BACKEND=postgres`,
    run: async (env) => {
      const node = await ensureImageNode();
      if (!node) {
        info(
          `Skipped: no Node.js ${IMAGE_NODE} binary for ${process.platform}-${process.arch} on the npm registry.`,
        );
        return { output: '' };
      }
      return run(node, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
        cwd: path.join(ROOT, 'api'),
        env: { ...env, QUEUE_BACKEND: 'postgres' },
        capture: true,
        display: `node ${IMAGE_NODE} vitest run (api)`,
      });
    },
    countTests: true,
  },
];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Adds up vitest's "Tests  3 failed | 40 passed | 2 skipped (45)" lines (one per workspace,
 * prefixed by turbo with "@kinship/api:test:").
 */
function countTests(output) {
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0, summaries: 0 };
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '');
    const match =
      /(?:^|[\s:])Tests\s+((?:\d+\s+(?:passed|failed|skipped|todo)(?:\s*\|\s*)?)+)\s*\(\d+\)\s*$/.exec(line);
    if (!match) continue;
    totals.summaries += 1;
    for (const [, n, kind] of match[1].matchAll(/(\d+)\s+(passed|failed|skipped|todo)/g))
      totals[kind] += Number(n);
  }
  return totals;
}

function addTests(a, b) {
  if (!a) return b;
  return Object.fromEntries(Object.keys(b).map((k) => [k, a[k] + b[k]]));
}

async function main() {
  const started = Date.now();
  const results = [];

  const record = async (name, fn) => {
    const t0 = Date.now();
    try {
      const value = await fn();
      results.push({ name, ms: Date.now() - t0, ok: true });
      return value;
    } catch (error) {
      results.push({ name, ms: Date.now() - t0, ok: false });
      throw error;
    }
  };

  let tests = null;
  let failure = null;
  try {
    await record('setup', async () => {
      await ensureInstalled();
      await ensureServices();
      await ensureDatabase();
      await ensureChromium();
    });

    // The tests reach the database ensureServices found (the embedded one's port, when in use).
    const env = { ...process.env, DATABASE_URL: serviceEnv().DATABASE_URL };
    // Keep colours when a person is watching even though the output goes through a pipe.
    if (process.stdout.isTTY && !env.NO_COLOR && !env.FORCE_COLOR) env.FORCE_COLOR = '1';

    for (const s of STEPS) {
      step(s.title);
      await record(s.name, async () => {
        try {
          const { output } = await s.run(env);
          if (s.countTests) tests = addTests(tests, countTests(output));
        } catch (error) {
          if (s.countTests && error instanceof CommandError)
            tests = addTests(tests, countTests(error.output ?? ''));
          throw error;
        }
      });
    }
  } catch (error) {
    failure = error;
  }
  await stopEmbeddedPostgres().catch(() => undefined);

  if (failure) {
    if (failure instanceof BootstrapError) fail(failure.message);
    else {
      fail('Unexpected error in the test script:');
      console.error(failure);
    }
  }

  // The summary comes last so it is the first thing read at the bottom of a CI log.
  const parts = results.map(
    (r) => `${r.name} ${formatDuration(r.ms)}${r.ok ? '' : ` ${colour.red('FAILED')}`}`,
  );
  const total = formatDuration(Date.now() - started);
  const verdict = failure
    ? colour.bold(colour.red('npm test failed'))
    : colour.bold(colour.green('npm test passed'));
  console.log(`\n${verdict}: ${parts.join(', ')} (total ${total})`);
  if (tests && tests.summaries > 0) {
    const skipped = tests.skipped + tests.todo;
    console.log(
      `Tests: ${tests.passed} passed, ${tests.failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
    );
  } else if (tests) {
    console.log('No vitest summary was found in the test output.');
  }
  return failure ? (failure.exitCode ?? 1) : 0;
}

runMain(main);
