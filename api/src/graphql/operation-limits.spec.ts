import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasFlood, fragmentBomb } from '../../test/hostile-documents';
import { measureDocument, overLimit } from './operation-limits';

const LIMITS = { maxDepth: 10, maxFields: 1000, maxAliases: 20 };

describe('measureDocument', () => {
  it('measures a doubling-fragment bomb by looking at each selection once', () => {
    for (const k of [25, 60]) {
      const { operations, visited } = measureDocument(parse(fragmentBomb(k)));
      // It expands to 2^k fields ...
      expect(operations[0].figures.fields).toBe(2 ** k);
      // ... but the measurement visits the 2k + 2 selections written in the document, once each.
      expect(visited).toBe(2 * k + 2);
      expect(overLimit(operations[0].figures, LIMITS)).toMatch(/fields once its fragments are expanded/);
    }
  });

  it('counts depth from root fields at 0, through fragments and inline fragments', () => {
    const { operations } = measureDocument(
      parse(`query Q { thread(id: 1) { ...T } } fragment T on Thread { posts { edges { node { ... on Post { author { id } } } } } }`),
    );
    // thread 0, posts 1, edges 2, node 3, author 4, id 5
    expect(operations[0].figures).toEqual({ depth: 5, fields: 6, aliases: 0 });
  });

  it('counts every alias, also through fragments spread more than once', () => {
    const { operations } = measureDocument(parse(`{ ...A ...A ...A } fragment A on Query { a: me { id } b: me { id } }`));
    expect(operations[0].figures.aliases).toBe(6);
    const many = parse(aliasFlood(21));
    expect(overLimit(measureDocument(many).operations[0].figures, LIMITS)).toMatch(/21 aliases; the limit is 20/);
  });

  it('does not add depth for introspection fields (they never reach a resolver of ours)', () => {
    const { operations } = measureDocument(parse(`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`));
    expect(operations[0].figures.depth).toBe(0);
  });

  it('measures a fragment cycle as finite (the specified NoFragmentCycles rule refuses it)', () => {
    const { operations, visited } = measureDocument(parse(`{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }`));
    expect(operations[0].figures.fields).toBe(2);
    expect(visited).toBeLessThan(10);
  });
});
