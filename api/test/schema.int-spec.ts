import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHarness } from './harness';

// The CommonJS build, the same copy Nest built the schema with (the ESM copy would refuse its types).
const { printSchema } = createRequire(__filename)('graphql') as typeof import('graphql');

const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');
const HEADER = '# Generated from the api\'s resolvers by `npm run schema -w api`. Do not edit by hand.\n\n';

/**
 * api/schema.gql is the committed, reviewable form of the GraphQL schema. This test fails when
 * it is stale; `npm run schema -w api` rewrites it.
 */
describe('schema.gql', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  it('matches the schema the resolvers generate', () => {
    const current = HEADER + printSchema(t.app.get(GraphQLSchemaHost).schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, current);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed, 'api/schema.gql is stale: run `npm run schema -w api` and commit it').toBe(current);
  });
});
