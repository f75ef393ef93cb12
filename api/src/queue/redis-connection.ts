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
