// Fails when src/generated.ts is not what the codegen would write from api/schema.gql and
// src/operations today (a changed schema or operation without `npm run codegen`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kinship-codegen-'));
const fresh = join(dir, 'generated.ts');

try {
  const run = spawnSync('graphql-codegen', ['--config', 'codegen.ts'], {
    cwd: root,
    env: { ...process.env, CODEGEN_OUT: fresh },
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) {
    console.error('codegen:check: graphql-codegen failed (see above).');
    process.exit(run.status ?? 1);
  }
  const committed = readFileSync(join(root, 'src/generated.ts'), 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error(
      'codegen:check: packages/graphql/src/generated.ts is stale. Run `npm run codegen -w @kinship/graphql` and commit the result.',
    );
    process.exit(1);
  }
  console.log('codegen:check: src/generated.ts is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
