import type { ApolloServerPlugin } from '@apollo/server';

/**
 * An answer carrying SERVICE_UNAVAILABLE (PostgreSQL unreachable; see formatError) and no data
 * goes out as HTTP 503 with Retry-After, so the web, a proxy or a load balancer can tell "try
 * again" from a bug. When some root field did resolve (a mutation committed, then a field read
 * failed), the answer stays 200: retrying it would do the work twice.
 */
export function unavailablePlugin(retryAfterSeconds = 5): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single') return Promise.resolve();
          const { data, errors } = body.singleResult;
          const resolved = data && Object.values(data).some((value) => value !== null);
          if (!resolved && errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(retryAfterSeconds));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
