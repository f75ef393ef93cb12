import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/options';

/** Runs pending migrations against DATABASE_URL, each in its own transaction. */
async function main(): Promise<void> {
  const config = loadConfig();
  // No statement timeout: building an index on a big table may take minutes.
  const dataSource = new DataSource(dataSourceOptions({ ...config, database: { ...config.database, statementTimeoutMs: 0 } }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
