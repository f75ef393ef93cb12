import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, toConnection } from './connection';

describe('cursors', () => {
  it('round-trips a sort key', () => {
    const key = [true, '2026-11-27T10:00:00.000Z', 'c0ffee00-0000-4000-8000-000000000000'];
    expect(decodeCursor(encodeCursor(key), ['boolean', 'string', 'string'])).toEqual(key);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined, ['number'])).toBeNull();
    expect(decodeCursor('', ['number'])).toBeNull();
  });

  it.each([
    ['garbage', 'not base64 json at all'],
    ['wrong length', encodeCursor([1, 2])],
    ['wrong types', encodeCursor(['1'])],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
  ])('rejects a forged cursor (%s) as bad input naming "after"', (_label, cursor) => {
    try {
      decodeCursor(cursor, ['number']);
      expect.fail('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

describe('toConnection', () => {
  const rows = [1, 2, 3].map((n) => ({ n }));

  it('uses the extra row only to say another page exists', () => {
    const page = toConnection(rows, 2, (r) => [r.n], (r) => r.n * 10);
    expect(page.edges.map((e) => e.node)).toEqual([10, 20]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!, ['number'])).toEqual([2]);
  });

  it('reports the last page', () => {
    const page = toConnection(rows, 5, (r) => [r.n], (r) => r.n);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.edges[2].cursor });
    expect(toConnection([], 5, (r: { n: number }) => [r.n], (r) => r).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
    });
  });
});
