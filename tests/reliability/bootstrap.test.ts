import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const BOOTSTRAP = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'scripts',
  'lib',
  'bootstrap.mjs',
);
const run = promisify(execFile);

/**
 * `npm test` finds Chromium or installs it before any test runs. The machine's package manager is
 * stood in for by a script on an otherwise empty PATH that records how it was called and
 * "installs" a chromium; nothing on the real system changes.
 */
describe('the bootstrap behind npm test', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  const ensureChromium = (env: NodeJS.ProcessEnv) =>
    run(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(BOOTSTRAP)}).then((m) => m.ensureChromium()).then((p) => console.log('CHROME=' + p))`,
      ],
      {
        env,
      },
    );

  it.runIf(process.getuid?.() === 0)(
    'installs Chromium with apt-get when none is found, and hands its path to the tests',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'kinship-bootstrap-'));
      writeFileSync(
        join(dir, 'apt-get'),
        `#!/bin/sh\necho "$*" >> ${dir}/calls\nif [ "$1" = "install" ]; then printf '#!/bin/sh\\n' > ${dir}/chromium; /bin/chmod +x ${dir}/chromium; fi\n`,
      );
      // Not root: the bootstrap asks `sudo -n true` first, then runs `sudo -n apt-get ...`.
      writeFileSync(join(dir, 'sudo'), `#!/bin/sh\nshift\nexec "$@"\n`);
      writeFileSync(join(dir, 'true'), `#!/bin/sh\nexit 0\n`);
      for (const name of ['apt-get', 'sudo', 'true']) chmodSync(join(dir, name), 0o755);
      const { stdout } = await ensureChromium({ PATH: dir, HOME: process.env.HOME });
      expect(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')).toEqual([
        'update -qq',
        'install -y -qq chromium',
      ]);
      expect(stdout).toContain(`CHROME=${dir}/chromium`);
    },
  );

  it('fails before any test runs, naming the command, when Chromium can be neither found nor installed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinship-bootstrap-'));
    const failed = await ensureChromium({ PATH: dir, HOME: process.env.HOME }).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failed).toMatch(
      /the browser tests needs chromium, which is not installed\. Install it \(Debian\/Ubuntu: `sudo apt-get install -y chromium`\)/,
    );
  });

  it('uses CHROME_PATH when it is set, and says so when nothing is there', async () => {
    const { stdout } = await ensureChromium({ PATH: '/nonexistent', CHROME_PATH: process.execPath });
    expect(stdout).toContain(`CHROME=${process.execPath}`);
    const failed = await ensureChromium({ PATH: '/nonexistent', CHROME_PATH: '/nowhere/chrome' }).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failed).toMatch(/CHROME_PATH is set to \/nowhere\/chrome, but nothing is there/);
  });
});
