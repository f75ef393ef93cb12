import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/**
 * One shared Redis connection for rate-limit counters and health checks, or null when
 * QUEUE_BACKEND=postgres (no Redis at all: counters live in PostgreSQL then). It never holds user
 * data: losing Redis loses counters only. Commands fail fast while Redis is away instead of
 * queueing forever, so callers can fall back.
 */
export type RedisClient = Redis | null;

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<RedisClient> => {
        if (config.queueBackend === 'postgres') return null;
        const redis = new Redis(config.redisUrl, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
        }).on('error', () => undefined);
        // Give Redis a moment to answer before the first request, so early counters land in Redis
        // rather than in the in-memory fallback; start anyway if it is down.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    await redis?.quit().catch(() => redis.disconnect());
  }
}
