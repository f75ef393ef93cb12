import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, TestHarness } from '../../test/harness';
import { createAdmin, Member } from '../../test/factories';

describe('GraphQL hardening', () => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    t = await TestHarness.start();
    admin = await createAdmin(t);
  });
  afterAll(() => t?.stop());

  it('refuses a query deeper than the limit of 10', async () => {
    // Root fields are level 0; here `id` sits at level 11.
    const deep = `query($id: ID!) { thread(id: $id) { posts { edges { node { replyTo { thread { posts { edges { node { replyTo { thread { id } } } } } } } } } } } }`;
    const res = await t.gql(deep, { id: '00000000-0000-4000-8000-000000000000' }, admin.token);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].message).toMatch(/exceeds maximum operation depth of 10/);
  });

  it('accepts a query at the depth limit', async () => {
    // `id` at level 10.
    const ok = `query($id: ID!) { thread(id: $id) { posts { edges { node { replyTo { thread { posts { edges { node { author { id } } } } } } } } } } }`;
    expect((await t.gql(ok, { id: '00000000-0000-4000-8000-000000000000' }, admin.token)).errors).toBeUndefined();
  });

  it('refuses an operation whose cost is over the limit, before running it', async () => {
    const costly = `{ threads(first: 100) { edges { node { posts(first: 100) { edges { node { id body author { id displayName } } } } } } } }`;
    const error = errorOf(await t.gql(costly, {}, admin.token));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/too much at once/);
  });

  it('refuses page sizes over 100 naming the argument', async () => {
    expect(errorOf(await t.gql(`{ threads(first: 101) { edges { cursor } } }`, {}, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('refuses a forged cursor as bad input', async () => {
    expect(errorOf(await t.gql(`{ threads(after: "bm9wZQ") { edges { cursor } } }`, {}, admin.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('refuses a request body over the size limit', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: '{ me { id } }', variables: { pad: 'x'.repeat(200_000) } });
    expect(res.status).toBe(413);
  });

  it('refuses requests that could be cross-site (CSRF prevention)', async () => {
    const res = await t.http().get('/graphql').query({ query: '{ me { id } }' });
    expect(res.status).toBe(400);
  });

  it('allows introspection outside production', async () => {
    expect((await t.gql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('GraphQL in production', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start({ NODE_ENV: 'production' });
  });
  afterAll(() => t?.stop());

  it('turns introspection off', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].message).toMatch(/introspection/i);
  });
});
