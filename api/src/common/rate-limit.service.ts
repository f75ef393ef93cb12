import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { rateLimited } from '../graphql/errors';
import { sha256 } from './crypto';
import { REDIS } from './redis.module';

export type LimitName = 'auth-ip' | 'auth-email';

/**
 * Fixed-window counters in Redis, so limits hold across api replicas. When Redis is away each
 * replica falls back to an in-memory counter rather than failing sign-in for everyone.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters: Record<LimitName, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const { perIp, perEmail, windowSeconds } = config.authRateLimit;
    const make = (name: LimitName, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.redisPrefix}:rl:${name}`,
        points,
        duration: windowSeconds,
        insuranceLimiter: new RateLimiterMemory({ points, duration: windowSeconds }),
      });
    this.limiters = { 'auth-ip': make('auth-ip', perIp), 'auth-email': make('auth-email', perEmail) };
  }

  /** Counts one attempt; throws RATE_LIMITED once the window's allowance is spent. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(sha256(key));
    } catch (result) {
      if (result instanceof RateLimiterRes) throw rateLimited(result.msBeforeNext / 1000);
      throw result;
    }
  }

  /** Throws RATE_LIMITED if the allowance is already spent, without counting an attempt. */
  async check(name: LimitName, key: string): Promise<void> {
    const limiter = this.limiters[name];
    const state = await limiter.get(sha256(key)).catch(() => null);
    if (state && state.consumedPoints >= limiter.points) throw rateLimited(state.msBeforeNext / 1000);
  }
}
