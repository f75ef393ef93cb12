import type { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LIMITS } from '@kinship/shared';
import { requestRefused } from './errors';

/**
 * A list field costs its page size times what each item asks for: `threads(first: 100) { posts(first:
 * 100) { ... } }` is 10,000 items, not 2 fields.
 */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const returnsConnection = /Connection!?$/.test(String(field.type));
  if (!returnsConnection) return undefined;
  const first = typeof args.first === 'number' ? args.first : LIMITS.pageSizeDefault;
  return 1 + first * Math.max(1, childComplexity);
};

/** A root field runs at least one query of its own, so each one (aliases included) weighs more than a plain field. */
export const ROOT_FIELD_COST = 10;

const rootFieldEstimator: ComplexityEstimator = (options) => {
  if (options.type.name !== 'Query' && options.type.name !== 'Mutation') return undefined;
  return ROOT_FIELD_COST - 1 + (connectionEstimator(options) ?? 1 + options.childComplexity);
};

/** Refuses an operation whose estimated cost is above `maxCost`, before any resolver runs. */
export function complexityPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              operationName: request.operationName ?? undefined,
              query: document,
              variables: request.variables ?? {},
              estimators: [rootFieldEstimator, connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their types are found here first; they are the client's mistake.
            throw requestRefused(error instanceof Error ? error.message : 'The variables are not valid.');
          }
          if (cost > maxCost) {
            throw requestRefused(
              `This request asks for too much at once (cost ${cost}; the limit is ${maxCost}). Ask for fewer items per page.`,
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
