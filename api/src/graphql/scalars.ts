import { createRequire } from 'node:module';

// The CommonJS copy of graphql, the one Nest builds the schema with: under vitest an `import`
// would load the ES module copy, whose GraphQLScalarType Nest does not recognise (STACK.md).
const { GraphQLError, GraphQLScalarType, Kind } = createRequire(__filename)('graphql') as typeof import('graphql');

/**
 * `Date`: a calendar date written YYYY-MM-DD (CONTRACT.md), as opposed to `DateTime`. Values are
 * strings on both sides; whether one is a real date (and allowed) is the resolver's to say, so
 * that its error names the argument as every other input error does.
 */
export const DateScalar = new GraphQLScalarType<string | null, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value.slice(0, 10);
    throw new GraphQLError('A Date must be written YYYY-MM-DD.');
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new GraphQLError('A Date must be text written YYYY-MM-DD.');
    return value.trim();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A Date must be text written YYYY-MM-DD.', { nodes: ast });
    return ast.value.trim();
  },
});
