import type pg from 'pg';
import type { Scale } from './scales.js';
import type { SeededWorld } from './seed.js';
import type { Processes } from './stack.js';

/** What every figure gets: the seeded world, the running stack and the viewer's session. */
export interface BenchContext {
  scale: Scale;
  world: SeededWorld;
  apiUrl: string;
  webUrl: string;
  bareUrl: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The environment the api, worker and web run with. */
  env: NodeJS.ProcessEnv;
  processes: Processes;
  /** The harness's own connection to the benchmark database. */
  db: pg.Client;
  /** The viewer's session token (from the api's Login mutation, as the web's sign-in keeps it). */
  token: string;
  workerConcurrency: number;
  log: (line: string) => void;
}

/** POST options for a GraphQL body with the viewer's bearer token. */
export function graphqlRequest(ctx: BenchContext, payload: unknown) {
  return {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify(payload),
  };
}

export async function fetchText(
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
): Promise<string> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return text;
}

/** Fails unless `text` is a GraphQL answer without errors. */
export function assertNoErrors(text: string, what: string): void {
  const parsed = JSON.parse(text) as { errors?: { message?: string }[] };
  if (parsed.errors?.length) throw new Error(`${what}: ${parsed.errors[0].message ?? 'error'}`);
}
