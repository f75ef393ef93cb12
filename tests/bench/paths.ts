import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/bench: the folder holding tsconfig.build.json, whether running from the sources or from dist/bench/. */
function benchDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'tsconfig.build.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tests/bench/tsconfig.build.json not found above the benchmark');
    dir = parent;
  }
  return dir;
}

export const BENCH_DIR = benchDir();
export const ROOT = join(BENCH_DIR, '..', '..');

export const paths = {
  apiMain: join(ROOT, 'api/dist/main.js'),
  worker: join(ROOT, 'api/dist/worker.js'),
  migrate: join(ROOT, 'api/dist/cli/migrate.js'),
  passwords: join(ROOT, 'api/dist/modules/accounts/passwords.js'),
  web: join(ROOT, 'web/server.js'),
  operations: join(ROOT, 'packages/graphql/src/operations'),
  results: join(BENCH_DIR, 'results'),
  /** The compiled benchmark (`tsc -p bench/tsconfig.build.json`). */
  statementCounter: join(BENCH_DIR, 'dist/bench/support/statement-counter.cjs'),
  bareServer: join(BENCH_DIR, 'dist/bench/bare-server.js'),
};
