import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../e2e/support/stack.js';
import { PASSWORD } from './support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/**
 * The README's first-admin step, run as a deployer runs it: `npm run create-admin -- <email>` with
 * no APP_SECRET in the environment (npm start keeps it in .kinship/app-secret, and so does this).
 */
describe('npm run create-admin', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({}, { web: false });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('prints a working single-use ADMIN invite as its last line', async () => {
    const { APP_SECRET: _secret, NODE_ENV: _env, ...env } = stack.env;
    const { stdout } = await run(
      'npm',
      ['run', '--silent', 'create-admin', '--', 'first-admin@program.example'],
      {
        cwd: ROOT,
        env,
        timeout: 120_000,
      },
    );
    const code = stdout.trim().split('\n').at(-1)!.trim();
    expect(code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5})+$/);

    const register = (email: string) =>
      fetch(`${stack.apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation($input: RegisterInput!) { register(input: $input) { user { role } } }`,
          variables: {
            input: { inviteCode: code, email, password: PASSWORD, displayName: `Staff ${email.length}` },
          },
        }),
      }).then(
        (res) =>
          res.json() as Promise<{ data?: { register: { user: { role: string } } }; errors?: unknown[] }>,
      );
    expect((await register('first-admin@program.example')).data?.register.user.role).toBe('ADMIN');
    // Single use.
    expect((await register('first-admin@program.example')).errors).toBeDefined();
  });
});
