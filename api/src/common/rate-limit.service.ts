import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { REACH_OUT_INTERVAL_MINUTES } from '@kinship/shared';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { DomainError, rateLimited } from '../graphql/errors';
import { sha256 } from './crypto';
import { REDIS, RedisClient } from './redis.module';

export type LimitName =
  | 'auth-ip'
  | 'auth-email'
  | 'post'
  | 'post-new-member'
  | 'thread'
  | 'thread-new-member'
  | 'flag'
  | 'reach-out'
  | 'support-ask'
  | 'message'
  | 'message-request'
  | 'message-request-to'
  | 'mentor-request';

/** The UNLOGGED table that holds the counters when there is no Redis (migration RateLimitCounters). */
export const COUNTERS_TABLE = 'rate_limit_counters';

/** How many support-person asks a member may make per hour. */
export const SUPPORT_ASKS_PER_HOUR = 10;

/** How many mentor requests a member may send per day. */
export const MENTOR_REQUESTS_PER_DAY = 5;

type Limit = { keyPrefix: string; points: number; duration: number };

/**
 * Where the counters live: Redis when the queues use it, else PostgreSQL. Both are shared by
 * every api replica, and both are rate-limiter-flexible stores behind one interface.
 */
function counterStore(
  redis: RedisClient,
  dataSource: DataSource,
): (limit: Limit) => RateLimiterStoreAbstract {
  const insurance = ({ points, duration }: Limit) => new RateLimiterMemory({ points, duration });
  if (redis)
    return (limit) =>
      new RateLimiterRedis({ ...limit, storeClient: redis, insuranceLimiter: insurance(limit) });
  return (limit) =>
    new RateLimiterPostgres({
      ...limit,
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: COUNTERS_TABLE,
      tableCreated: true,
      insuranceLimiter: insurance(limit),
    });
}

/**
 * Fixed-window counters in Redis (or, with QUEUE_BACKEND=postgres, in PostgreSQL), so limits hold
 * across api replicas. When the store is away each replica falls back to an in-memory counter
 * rather than failing for everyone. A limit whose window is 0 seconds is off.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters: Map<LimitName, RateLimiterStoreAbstract>;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const store = counterStore(redis, dataSource);
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
      // "Reach out" tells a member's people at once: once per member per ten minutes.
      ['reach-out', 1, REACH_OUT_INTERVAL_MINUTES * 60],
      // Asking someone to be one of your people: at most 10 asks per member per hour.
      ['support-ask', SUPPORT_ASKS_PER_HOUR, 3600],
      // Private messages: 30 a minute per sender; message requests, 10 a day per sender and 20
      // a day to any one recipient by default (staff are not limited).
      ['message', 30, 60],
      ['message-request', config.messageRequests.sentPerDay, 86_400],
      ['message-request-to', config.messageRequests.receivedPerDay, 86_400],
      // Asking for a mentor: at most 5 requests per member per day, so no mentor is asked in bulk.
      ['mentor-request', MENTOR_REQUESTS_PER_DAY, 86_400],
    ];
    this.limiters = new Map(
      definitions
        .filter(([, , duration]) => duration > 0)
        .map(([name, points, duration]) => [
          name,
          store({ keyPrefix: `${config.redisPrefix}:rl:${name}`, points, duration }),
        ]),
    );
  }

  /** Counts one attempt; throws RATE_LIMITED once the window's allowance is spent. */
  async consume(
    name: LimitName,
    key: string,
    error: (seconds: number) => DomainError = rateLimited,
  ): Promise<void> {
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    try {
      await limiter.consume(sha256(key));
    } catch (result) {
      if (result instanceof RateLimiterRes) throw error(result.msBeforeNext / 1000);
      throw result;
    }
  }

  /** Gives back one attempt counted by `consume` (the work it allowed failed before taking effect). */
  async refund(name: LimitName, key: string): Promise<void> {
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    await limiter.reward(sha256(key), 1).catch(() => undefined);
  }

  /** Throws RATE_LIMITED if the allowance is already spent, without counting an attempt. */
  async check(name: LimitName, key: string): Promise<void> {
    const limiter = this.limiters.get(name);
    if (!limiter) return;
    const state = await limiter.get(sha256(key)).catch(() => null);
    if (state && state.consumedPoints >= limiter.points) throw rateLimited(state.msBeforeNext / 1000);
  }
}
