import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './options';

/** Used by the TypeORM CLI only (`npm run typeorm -w api -- ...`). */
const config = loadConfig();
export default new DataSource(dataSourceOptions({ ...config, database: { ...config.database, statementTimeoutMs: 0 } }));
