import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const TESTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIGURES = ['graphqlOverhead', 'statements', 'deepPages', 'search', 'fanOut', 'load', 'web'];

function bench(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', 'bench', '--', ...args],
      { cwd: TESTS_DIR, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('npm run bench (smoke)', () => {
  const results = mkdtempSync(join(tmpdir(), 'kinship-bench-'));
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  it('measures every figure at --scale tiny, writes its results and leaves no database or Redis keys behind', async () => {
    const { code, output } = await bench(['--scale', 'tiny', '--skip-build', '--results', results]);
    expect(code, output).toBe(0);

    const files = readdirSync(results).filter((f) => f.endsWith('-tiny.json'));
    expect(files).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(results, files[0]), 'utf8'));
    expect(result.scale).toBe('tiny');
    expect(result.errors).toEqual({});
    for (const figure of FIGURES) expect(result.figures[figure], figure).toBeTruthy();
    expect(result.table).toHaveLength(FIGURES.length);
    for (const row of result.table) expect(typeof row.pass, row.title).toBe('boolean');
    // Every run compares the bare references with the api (same JSON, same statements) and marks
    // the figure a miss when they drift; the smoke test checks the comparison ran, not its verdict,
    // so an api query change fails the benchmark's table, not `npm test`.
    expect(typeof result.figures.graphqlOverhead.sameJson).toBe('boolean');
    expect(typeof result.figures.statements.bareMatchesApi).toBe('boolean');
    expect(typeof result.figures.statements.bareSearchMatchesApi).toBe('boolean');
    expect(output).toContain('| 7 | Web');

    const database = /database (kinship_bench_tiny), Redis prefix (\S+):/.exec(output);
    expect(database).not.toBeNull();
    const admin = new pg.Client({
      connectionString: process.env.DATABASE_URL || 'postgres://kinship:kinship@127.0.0.1:5432/kinship',
    });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database![1]]);
      expect(rows).toHaveLength(0);
    } finally {
      await admin.end();
    }
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    try {
      expect(await redis.keys(`${database![2]}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
