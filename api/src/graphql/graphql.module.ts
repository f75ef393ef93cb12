import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphQLFormattedError } from 'graphql';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../database/availability';
import { complexityPlugin } from './complexity.plugin';
import { unavailablePlugin } from './unavailable.plugin';
import { Loaders } from './loaders';
import { operationLimitsRule } from './operation-limits';

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
]);

/**
 * Errors a client sees: domain errors as they are, and anything unexpected as a plain sentence
 * with no stack, SQL or internals (those go to the log, keyed by path).
 */
export function formatError(logger: ReturnType<typeof createLogger>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(error)) {
      // Expected while PostgreSQL restarts: one line, no stack, and an answer the client can retry.
      logger.warn({ path: formatted.path }, 'database unavailable');
      return {
        message: DATABASE_UNAVAILABLE_MESSAGE,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    logger.error({ err: error instanceof Error ? error.stack : String(error), path: formatted.path }, 'unexpected error');
    return {
      message: 'Something went wrong on our side. Please try again in a moment.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: config.graphql.introspection,
        // Without introspection, "Did you mean …?" in errors would give the schema away name by name.
        hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
        includeStacktraceInErrorResponses: false,
        csrfPrevention: true,
        // A document is refused while parsing past this many tokens, so no rule below has much to walk.
        parseOptions: { maxTokens: config.graphql.maxTokens },
        // Depth, fields and aliases, measured once per fragment (fragment bombs cost nothing to refuse).
        validationRules: [operationLimitsRule(config.graphql)],
        // Kinship never sends cache hints (every answer is private to its viewer); Apollo's
        // cache-control plugin would still walk every resolved field (about 25% of a thread page).
        plugins: [complexityPlugin(config.graphql.maxCost), unavailablePlugin(), ApolloServerPluginCacheControlDisabled()],
        formatError: formatError(createLogger(config, 'graphql')),
        // Nest would reset every executed answer to HTTP 200; the unavailable plugin's 503 must stand.
        // No resolver error here carries extensions.http, so nothing else changes.
        preserveHttpStatusForExecutionErrors: false,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res, loaders: new Loaders() }),
      }),
    }),
  ],
})
export class AppGraphQLModule {}
