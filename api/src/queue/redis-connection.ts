import Redis, { RedisOptions } from 'ioredis';

/**
 * BullMQ connections. Workers block on Redis and must retry forever (`maxRetriesPerRequest: null`);
 * producers fail fast so the relay can roll back and try again on its next tick.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null }).on('error', () => undefined);
}

export function producerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, ...extra }).on(
    'error',
    () => undefined,
  );
}

/** ioredis and BullMQ errors that only say Redis cannot be reached just now. */
const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection is closed|connect ETIMEDOUT/;

/**
 * BullMQ prints an error with no listener as a raw stack on stderr (once per reconnect attempt
 * while Redis is away). This logs it as JSON instead: a lost connection at most every 30 s per
 * emitter, any other error (a worker's lost job lock, say) each time under its own message.
 */
export function logErrors<T extends { on(event: 'error', listener: (error: Error) => void): unknown }>(
  emitter: T,
  logger: { warn(fields: object, message: string): void },
  fields: object,
): T {
  let last = 0;
  emitter.on('error', (error: Error) => {
    if (!CONNECTION_ERROR.test(error.message)) {
      logger.warn({ ...fields, err: error.message }, 'queue error');
      return;
    }
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    logger.warn({ ...fields, err: error.message }, 'redis connection error');
  });
  return emitter;
}
