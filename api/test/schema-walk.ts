import {
  getNamedType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

export interface WalkOptions {
  /** How many times one type may appear on a path from the root (1 = never nested in itself). */
  visitsPerType: number;
  /** The page size asked of every list field that takes `first`. */
  first: number;
}

/** Only fields a client can ask for without inventing an id: every argument optional, or a page size. */
function askable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => arg.name === 'first' || !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

function argumentsOf(field: GraphQLField<unknown, unknown>, options: WalkOptions): string {
  return field.args.some((arg) => arg.name === 'first') ? `(first: ${options.first})` : '';
}

/**
 * A selection set asking for every field reachable from `typeName`: each scalar, and each object
 * field until its type has appeared `visitsPerType` times on the path. Tests use it to prove that a
 * rule holds on every path a client could take, not only the paths someone thought of.
 */
export function selectEverything(schema: GraphQLSchema, typeName: string, options: WalkOptions): string {
  const walk = (type: GraphQLNamedType, path: Map<string, number>): string => {
    const seen = path.get(type.name) ?? 0;
    const inner = new Map(path).set(type.name, seen + 1);
    if (isUnionType(type) || isInterfaceType(type)) {
      const kinds = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
      return `{ __typename ${kinds.map((kind) => `... on ${kind.name} ${walk(kind, inner)}`).join(' ')} }`;
    }
    if (!isObjectType(type)) return '';
    const parts = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      if (!askable(field)) continue;
      const fieldType = getNamedType(field.type);
      if (isLeafType(fieldType)) {
        parts.push(field.name);
        continue;
      }
      if ((inner.get(fieldType.name) ?? 0) >= options.visitsPerType) continue;
      parts.push(`${field.name}${argumentsOf(field, options)} ${walk(fieldType, inner)}`);
    }
    return `{ ${parts.join(' ')} }`;
  };
  const root = schema.getType(typeName);
  if (!root) throw new Error(`no type ${typeName} in the schema`);
  return walk(root, new Map());
}

/** Every object in a GraphQL answer, depth first, for assertions about each one. */
export function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsIn(item);
  } else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}
