import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CHECK = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'check-modules.mjs');

/** Runs the check; resolves with its exit code and output (it exits 1 when a rule is broken). */
function check(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CHECK, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** The api's module rules (scripts/check-modules.mjs, run by `npm test` before the build). */
describe('module rules', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const tree = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'kinship-modules-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };

  it('hold for the api as it is', async () => {
    const { code, output } = await check([]);
    expect(output).toContain('Module rules hold');
    expect(code).toBe(0);
  });

  it('name each broken rule: plumbing on a domain, content on moderation, screening upwards, a cycle', async () => {
    const root = tree({
      'auth/guard.ts': `import { SessionsService } from '../modules/accounts/sessions.service';\n`,
      'modules/accounts/sessions.service.ts': `export class SessionsService {}\n`,
      'modules/events/events.service.ts': `import { ModerationService } from '../moderation/moderation.service';\n`,
      'modules/moderation/moderation.service.ts': `export class ModerationService {}\n`,
      'modules/screening/screening.service.ts': `import { PostEntity } from '../discussions/post.entity';\n`,
      'modules/discussions/post.entity.ts': `import { Notice } from '../notifications/writer';\nexport class PostEntity {}\n`,
      'modules/notifications/writer.ts': `import type { PostEntity } from '../discussions/post.entity';\nexport type Notice = PostEntity;\n`,
      // Tests and composition roots may reach anywhere.
      'modules/events/events.int-spec.ts': `import { ModerationService } from '../moderation/moderation.service';\n`,
      'app.module.ts': `import { ModerationService } from './modules/moderation/moderation.service';\n`,
    });
    const { code, output } = await check(['--root', root]);
    expect(code).toBe(1);
    expect(output).toContain('Module rules broken (4)');
    expect(output).toContain('plumbing imports a domain: auth/guard.ts');
    expect(output).toContain('a content domain imports the moderation workflow (use modules/screening): modules/events/events.service.ts');
    expect(output).toContain('screening sits below the content domains and imports discussions');
    expect(output).toMatch(/domains import each other: (discussions -> notifications -> discussions|notifications -> discussions -> notifications)/);
    expect(output).not.toContain('int-spec');
    expect(output).not.toContain('app.module');
  });
});
