import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** A principal spent its budget; `retryAfterSeconds` until enough points are back. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded: retry after ${retryAfterSeconds} s`);
  }
}

/** Per-principal request budget. */
export interface RateLimiter {
  /**
   * Takes `points` from `key`'s budget.
   *
   * @throws {RateLimitedError} when the budget of the current minute is spent
   */
  consume(key: string, points: number): Promise<void>;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Points per principal per minute (`RATE_LIMIT_PER_MINUTE`). */
  pointsPerMinute: number;
  /** Shared store: budgets are shared by every gateway replica using it. In memory without. */
  redis?: Redis;
  /** Key prefix in Redis (several deployments may share one Redis). */
  keyPrefix: string;
}

/**
 * Creates the per-principal rate limiter with `rate-limiter-flexible`: a fixed one-minute window
 * in Redis when a client is given (an in-memory limiter insures it while Redis is down, so an
 * outage neither blocks nor frees everyone), in memory otherwise.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const base = { points: options.pointsPerMinute, duration: 60, keyPrefix: options.keyPrefix };
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(base) })
    : new RateLimiterMemory(base);
  return {
    async consume(key, points) {
      try {
        await limiter.consume(key, points);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        throw rejection;
      }
    },
  };
}
