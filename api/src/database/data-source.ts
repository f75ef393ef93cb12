import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './options';

/** Used by the TypeORM CLI only (`npm run typeorm -w api -- ...`). */
export default new DataSource(dataSourceOptions(loadConfig()));
