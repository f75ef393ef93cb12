import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationRule,
} from 'graphql';

/** What one operation would ask of the server once every fragment spread is expanded. */
export interface OperationFigures {
  /** Deepest field, root fields at 0 (introspection fields `__*` do not add depth). */
  depth: number;
  /** Field selections, each spread counted as often as it is spread. */
  fields: number;
  /** Aliased fields, counted the same way: each alias is one more run of its resolver. */
  aliases: number;
}

export interface DocumentFigures {
  operations: { name: string; figures: OperationFigures }[];
  /** Selections the measurement looked at: at most once each, however often a fragment is spread. */
  visited: number;
}

export interface OperationLimits {
  maxDepth: number;
  maxFields: number;
  maxAliases: number;
}

const NOTHING: OperationFigures = { depth: 0, fields: 0, aliases: 0 };

/**
 * Measures every operation of a document in one pass over its selections. A fragment's figures are
 * worked out once and reused at each spread, so a document whose fragments double each other
 * (`F25 = F24 F24`, ...) costs a few dozen steps to measure while expanding to 2^25 fields.
 * A fragment cycle measures as nothing here; the specified NoFragmentCycles rule refuses it.
 */
export function measureDocument(document: DocumentNode): DocumentFigures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationFigures>();
  const measuring = new Set<string>();
  let visited = 0;

  const fragment = (name: string): OperationFigures => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || measuring.has(name)) return NOTHING;
    measuring.add(name);
    const figures = selectionSet(definition.selectionSet);
    measuring.delete(name);
    measured.set(name, figures);
    return figures;
  };

  const selectionSet = (set: SelectionSetNode): OperationFigures => {
    let depth = 0;
    let fields = 0;
    let aliases = 0;
    for (const selection of set.selections) {
      visited += 1;
      let figures: OperationFigures;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionSet(selection.selectionSet) : NOTHING;
        const introspection = selection.name.value.startsWith('__');
        figures = {
          depth: selection.selectionSet && !introspection ? below.depth + 1 : 0,
          fields: 1 + below.fields,
          aliases: (selection.alias ? 1 : 0) + below.aliases,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        figures = selectionSet(selection.selectionSet);
      } else {
        figures = fragment(selection.name.value);
      }
      depth = Math.max(depth, figures.depth);
      fields += figures.fields;
      aliases += figures.aliases;
    }
    return { depth, fields, aliases };
  };

  const operations = document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ name: operation.name?.value ?? 'anonymous', figures: selectionSet(operation.selectionSet) }));
  return { operations, visited };
}

/** The first limit an operation is over, as the sentence a client sees; null when within all. */
export function overLimit(figures: OperationFigures, limits: OperationLimits): string | null {
  if (figures.depth > limits.maxDepth) {
    return `This request nests too deeply: it exceeds maximum operation depth of ${limits.maxDepth}.`;
  }
  if (figures.aliases > limits.maxAliases) {
    return `This request uses ${figures.aliases} aliases; the limit is ${limits.maxAliases}. Ask for fewer things at once.`;
  }
  if (figures.fields > limits.maxFields) {
    return `This request asks for ${figures.fields} fields once its fragments are expanded; the limit is ${limits.maxFields}.`;
  }
  return null;
}

/**
 * A validation rule refusing operations over the depth, field or alias limits. It measures at the
 * document's root, before the cost estimate (which expands every spread) can run.
 */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context) => ({
    Document: {
      enter(document) {
        for (const { figures } of measureDocument(document).operations) {
          const problem = overLimit(figures, limits);
          if (problem) context.reportError(new GraphQLError(problem));
        }
        return false;
      },
    },
  });
}
