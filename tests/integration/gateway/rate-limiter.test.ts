import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RateLimitedError, createRateLimiter } from '../../../gateway/src/security/rate-limiter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('createRateLimiter', () => {
  const prefix = `test-limiter-${randomUUID().slice(0, 8)}`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    await redis.connect();
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('limits in memory without Redis', async () => {
    const limiter = createRateLimiter({ pointsPerMinute: 3, keyPrefix: prefix });
    await limiter.consume('a', 2);
    await limiter.consume('a', 1);
    await expect(limiter.consume('a', 1)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limiter.consume('b', 3)).resolves.toBeUndefined();
  });

  it('shares one budget between two limiters on the same Redis (two gateway replicas)', async () => {
    const one = createRateLimiter({ pointsPerMinute: 4, keyPrefix: prefix, redis });
    const two = createRateLimiter({ pointsPerMinute: 4, keyPrefix: prefix, redis });
    await one.consume('shared', 3);
    await two.consume('shared', 1);
    const refused = await one.consume('shared', 1).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('keeps limiting in memory while Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 0 });
    down.on('error', () => undefined);
    try {
      const limiter = createRateLimiter({ pointsPerMinute: 2, keyPrefix: prefix, redis: down });
      await limiter.consume('offline', 1);
      await limiter.consume('offline', 1);
      await expect(limiter.consume('offline', 1)).rejects.toBeInstanceOf(RateLimitedError);
    } finally {
      down.disconnect();
    }
  });
});
