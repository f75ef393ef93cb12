import type { ApolloServerPlugin } from '@apollo/server';

/**
 * An answer carrying SERVICE_UNAVAILABLE (PostgreSQL unreachable; see formatError) goes out as HTTP
 * 503 with Retry-After, so the web, a proxy or a load balancer can tell "try again" from a bug.
 */
export function unavailablePlugin(retryAfterSeconds = 5): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(retryAfterSeconds));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
