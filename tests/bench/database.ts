import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { ROOT, paths } from './paths.js';

const run = promisify(execFile);

/** The server the benchmark creates its database on: DATABASE_URL, or the default the bootstrap makes. */
export function adminUrl(): string {
  return process.env.DATABASE_URL || 'postgres://kinship:kinship@127.0.0.1:5432/kinship';
}

/** The URL of `database` on the same server, with the same credentials. */
export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database: one left behind by an interrupted run of the same scale is dropped first. */
export async function createDatabase(database: string): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
}

export async function dropDatabase(database: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}

/** Applies the api's migrations with its own CLI, as a deployment does. */
export async function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  await run(process.execPath, [paths.migrate], { env, cwd: ROOT });
}

/** One connection to the benchmark's database, for the seed and the measurements that read it. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'kinship-bench' });
  await client.connect();
  return client;
}

export async function serverVersion(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  return rows[0].v;
}
