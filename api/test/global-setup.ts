import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/options';
import { dropDatabase, uniqueName, urlFor, withAdmin } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** Migrates one template database per run; each test file clones it (fast and isolated). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = uniqueName('kinship_test_tpl');
  await withAdmin((c) => c.query(`CREATE DATABASE "${template}"`));
  const dataSource = new DataSource(dataSourceOptions({ databaseUrl: urlFor(template) }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  project.provide('templateDatabase', template);
  return () => dropDatabase(template);
}
