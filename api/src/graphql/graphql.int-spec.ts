import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, errorOf, TestHarness } from '../../test/harness';
import { Member } from '../../test/factories';
import { startCommunity } from '../../test/community';
import { aliasFlood, fragmentBomb } from '../../test/hostile-documents';

describe('GraphQL hardening', () => {
  let t: TestHarness;
  let admin: Member;

  beforeAll(async () => {
    ({ t, admin } = await startCommunity());
  });
  afterAll(() => t?.stop());

  const post = (query: string, token?: string) => {
    const req = t.http().post('/graphql').set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send({ query });
  };

  it('refuses a query deeper than the limit of 10', async () => {
    // Root fields are level 0; here `id` sits at level 11.
    const deep = `query($id: ID!) { thread(id: $id) { posts { edges { node { replyTo { thread { posts { edges { node { replyTo { thread { id } } } } } } } } } } } }`;
    const { result: res } = await countStatements(() => t.gql(deep, { id: '00000000-0000-4000-8000-000000000000' }, admin.token));
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/exceeds maximum operation depth of 10/);
  });

  it('refuses depth 15 before any SQL runs (not even the session lookup)', async () => {
    const nest = (n: number): string => (n === 0 ? 'author { id }' : `replyTo { thread { posts { edges { node { ${nest(n - 1)} } } } } }`);
    // node at level 3, two nestings of five, then author (14) and its id (15).
    const deep = `query($id: ID!) { thread(id: $id) { posts { edges { node { ${nest(2)} } } } } }`;
    const { statements, result } = await countStatements(() => t.gql(deep, { id: '00000000-0000-4000-8000-000000000000' }, admin.token));
    expect(result.errors?.[0].message).toMatch(/exceeds maximum operation depth of 10/);
    expect(statements).toEqual([]);
  });

  it('accepts a query at the depth limit', async () => {
    // `id` at level 10.
    const ok = `query($id: ID!) { thread(id: $id) { posts { edges { node { replyTo { thread { posts { edges { node { author { id } } } } } } } } } } }`;
    expect((await t.gql(ok, { id: '00000000-0000-4000-8000-000000000000' }, admin.token)).errors).toBeUndefined();
  });

  it('refuses an operation whose cost is over the limit, before running it', async () => {
    const costly = `{ threads(first: 100) { edges { node { posts(first: 100) { edges { node { id body author { id displayName } } } } } } } }`;
    const res = await post(costly, admin.token);
    expect(res.status).toBe(400);
    const error = errorOf(res.body);
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

  it('refuses a doubling-fragment bomb as a bad request, signed out, and stays up', async () => {
    const res = await post(fragmentBomb(25));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/33554432 fields once its fragments are expanded; the limit is 1000/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('refuses a fragment cycle with 400, not a server error', async () => {
    const res = await post(`{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }`, admin.token);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/Cannot spread fragment "A" within itself/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('caps aliases at 20: 20 run, 21 are refused before any resolver runs', async () => {
    expect((await post(aliasFlood(20), admin.token)).body.errors).toBeUndefined();
    const res = await post(aliasFlood(21), admin.token);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/21 aliases; the limit is 20/);
  });

  it('refuses a 3,300-alias flood while parsing (the document is over the token limit)', async () => {
    const res = await post(aliasFlood(3300));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/5000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('counts each root field (and each alias of one) in the cost', async () => {
    // Each alias: 10 for the root field + 60 x 4 for its page = 250; 20 of them are exactly the limit.
    expect((await post(aliasFlood(20, 'threads(first: 60) { edges { cursor node { id } } }'), admin.token)).body.errors).toBeUndefined();
    // 20 x (10 + 61 x 4) = 5,080; were a root field weighed like any other it would be 4,900 and run.
    const res = await post(aliasFlood(20, 'threads(first: 61) { edges { cursor node { id } } }'), admin.token);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/cost 5080; the limit is 5000/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a batched (JSON array) body', async () => {
    const res = await t.http().post('/graphql').set('Content-Type', 'application/json').send([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body ?? res.text)).not.toContain('"me"');
  });

  it('refuses a mutation sent over GET, even with the CSRF header', async () => {
    const res = await t
      .http()
      .get('/graphql')
      .set('Apollo-Require-Preflight', 'true')
      .set('Authorization', `Bearer ${admin.token}`)
      .query({ query: 'mutation { logout }' });
    expect(res.status).toBe(405);
    // The session it would have ended still works.
    expect((await t.gql('{ me { id } }', {}, admin.token)).data).toEqual({ me: { id: admin.id } });
  });

  it('refuses simple-request POSTs (text/plain, form-encoded) that a cross-site form could send', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await t
        .http()
        .post('/graphql')
        .set('Content-Type', type)
        .set('Authorization', `Bearer ${admin.token}`)
        .send(type === 'text/plain' ? JSON.stringify({ query: 'mutation { logout }' }) : 'query=mutation%20%7B%20logout%20%7D');
      expect(res.status, type).toBe(400);
    }
    expect((await t.gql('{ me { id } }', {}, admin.token)).data).toEqual({ me: { id: admin.id } });
  });

  it('refuses 500 aliases of a cheap field before running any', async () => {
    const res = await post(aliasFlood(500, '__typename'), admin.token);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/500 aliases; the limit is 20/);
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

  it('does not suggest field or argument names in errors (the schema stays private)', async () => {
    const res = await t.gql('{ me { emial } }');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "emial"/);
    expect(res.errors?.[0].message).not.toMatch(/Did you mean|email/);
    // No stack trace or internals in what a client is told.
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    const mutation = await t.gql('mutation { setRol(userId: "x", role: ADMIN) { id } }');
    expect(mutation.errors?.[0].message).toMatch(/Cannot query field "setRol"/);
    expect(mutation.errors?.map((e) => e.message).join(' ')).not.toMatch(/Did you mean|setRole/);
  });
});

describe('GraphQL outside production', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await TestHarness.start();
  });
  afterAll(() => t?.stop());

  it('still suggests field names to developers', async () => {
    expect((await t.gql('{ me { emial } }')).errors?.[0].message).toMatch(/Did you mean "email"\?/);
  });
});
