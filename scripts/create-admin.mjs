#!/usr/bin/env node
// `npm run create-admin -- <email>`: issue a single-use ADMIN invite code for program staff.
// The code is the last line of the output, so `... | tail -n 1` captures it.

import fs from 'node:fs';
import path from 'node:path';

import {
  BootstrapError,
  ROOT,
  appSecret,
  ensureDatabase,
  ensureInstalled,
  ensureServices,
  run,
  runMain,
  serviceEnv,
  step,
  stopEmbeddedPostgres,
  turbo,
} from './lib/bootstrap.mjs';

const USAGE = [
  'Usage: npm run create-admin -- <email>',
  '',
  'Issues a single-use invite code with the ADMIN role for the given address.',
  'The person registers with it on the invite page; the code is printed as the last line.',
  '',
  'Example: npm run create-admin -- staff@example.org',
].join('\n');

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

function parseArgs(argv) {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  if (args.length !== 1) {
    throw new BootstrapError(
      `${args.length === 0 ? 'Give the email address to invite.' : 'Give exactly one email address.'}\n\n${USAGE}`,
      { exitCode: 2 },
    );
  }
  const email = args[0].trim();
  // The address itself is not echoed back: it is personal data.
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new BootstrapError(
      `That does not look like an email address (expected name@example.org).\n\n${USAGE}`,
      { exitCode: 2 },
    );
  }
  return email;
}

async function main() {
  const email = parseArgs(process.argv.slice(2));
  await ensureInstalled();
  // The database `npm start` uses: the embedded one (shared while `npm start` runs, else started
  // for this command and stopped after it) or the one configured. No queue is needed.
  await ensureServices({ redis: 'none' });
  try {
    await createInvite(email);
  } finally {
    await stopEmbeddedPostgres();
  }
}

async function createInvite(email) {
  const apiDir = path.join(ROOT, 'api');
  // The same secret `npm start` made: production refuses to start without one.
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'production',
    APP_SECRET: appSecret(),
    ...serviceEnv(),
  };
  await ensureDatabase();

  if (!fs.existsSync(path.join(apiDir, 'dist', 'cli', 'create-admin.js'))) {
    step('Building the api (turbo run build --filter=@kinship/api)');
    await turbo(['run', 'build', '--filter=@kinship/api']);
    if (!fs.existsSync(path.join(apiDir, 'dist', 'cli', 'create-admin.js'))) {
      throw new BootstrapError(
        'The api build did not produce api/dist/cli/create-admin.js. Check the build output above.',
      );
    }
  }

  step('Applying database migrations');
  await run(process.execPath, ['dist/cli/migrate.js'], {
    cwd: apiDir,
    env,
    display: 'node api/dist/cli/migrate.js',
  });

  step('Creating the admin invite');
  // Nothing is printed after this command, so its last line (the code) stays the last line.
  await run(process.execPath, ['dist/cli/create-admin.js', email], {
    cwd: apiDir,
    env,
    display: 'node api/dist/cli/create-admin.js <email>',
  });
}

runMain(main);
