import type Redis from 'ioredis';

/** The `KeyValueCache` shape Apollo Server takes for automatic persisted queries. */
export interface StringCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * Apollo Server's `KeyValueCache` over the gateway's ioredis client, so that every replica
 * shares the automatic persisted queries a client registered. Errors count as misses (a
 * client then sends the full query again), so a Redis outage never fails a request.
 * (`@apollo/utils.keyvadapter` + `keyv` was considered: it would add a second Redis client.)
 *
 * @param prefix key prefix, e.g. `threads-agent:apq:`
 * @param defaultTtlSeconds lifetime of an entry when Apollo gives none
 */
export function redisStringCache(redis: Redis, prefix: string, defaultTtlSeconds: number): StringCache {
  return {
    async get(key) {
      return (await redis.get(prefix + key).catch(() => null)) ?? undefined;
    },
    async set(key, value, options) {
      const ttl = options?.ttl ?? defaultTtlSeconds;
      await redis.set(prefix + key, value, 'EX', Math.max(1, Math.ceil(ttl))).catch(() => undefined);
    },
    async delete(key) {
      return (await redis.del(prefix + key).catch(() => 0)) > 0;
    },
  };
}
