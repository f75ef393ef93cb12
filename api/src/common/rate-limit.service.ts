import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { DomainError, rateLimited } from '../graphql/errors';
import { sha256 } from './crypto';
import { REDIS } from './redis.module';

export type LimitName = 'auth-ip' | 'auth-email' | 'post' | 'post-new-member' | 'thread' | 'thread-new-member' | 'flag';

/**
 * Fixed-window counters in Redis, so limits hold across api replicas. When Redis is away each
 * replica falls back to an in-memory counter rather than failing for everyone. A limit whose
 * window is 0 seconds is off.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters: Map<LimitName, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const { perIp, perEmail, windowSeconds } = config.authRateLimit;
    const intervals = config.postingIntervals;
    const definitions: [LimitName, number, number][] = [
      ['auth-ip', perIp, windowSeconds],
      ['auth-email', perEmail, windowSeconds],
      ['post', 1, intervals.post],
      ['post-new-member', 1, intervals.postNewMember],
      ['thread', 1, intervals.thread],
      ['thread-new-member', 1, intervals.threadNewMember],
      ['flag', config.flagRateLimitPerHour, 3600],
    ];
    this.limiters = new Map(
      definitions
        .filter(([, , duration]) => duration > 0)
        .map(([name, points, duration]) => [
          name,
          new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${config.redisPrefix}:rl:${name}`,
            points,
            duration,
            insuranceLimiter: new RateLimiterMemory({ points, duration }),
          }),
        ]),
    );
  }

  /** Counts one attempt; throws RATE_LIMITED once the window's allowance is spent. */
  async consume(name: LimitName, key: string, error: (seconds: number) => DomainError = rateLimited): Promise<void> {
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    try {
      await limiter.consume(sha256(key));
    } catch (result) {
      if (result instanceof RateLimiterRes) throw error(result.msBeforeNext / 1000);
      throw result;
    }
  }

  /** Throws RATE_LIMITED if the allowance is already spent, without counting an attempt. */
  async check(name: LimitName, key: string): Promise<void> {
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    const state = await limiter.get(sha256(key)).catch(() => null);
    if (state && state.consumedPoints >= limiter.points) throw rateLimited(state.msBeforeNext / 1000);
  }
}
