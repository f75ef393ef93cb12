import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * How every process connects. `database` is optional so that the test template and the TypeORM CLI
 * can pass a bare URL; without it, no statement timeout applies (migrations may build big indexes).
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl'> & Partial<Pick<AppConfig, 'database'>>): DataSourceOptions {
  const db = config.database;
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install or grant.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: db?.poolSize ?? 10,
      application_name: 'kinship',
      ...(db ? { connectionTimeoutMillis: db.connectTimeoutMs } : {}),
      ...(db?.statementTimeoutMs ? { statement_timeout: db.statementTimeoutMs } : {}),
      // A transaction left open by a crashed request must not hold its locks for ever.
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
