import { z } from 'zod';
import { commonFields, optionalUrl, parseConfig, port, positiveInt } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { ACHIEVEMENTS_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

const schema = z.object({
  ...commonFields,
  ACHIEVEMENTS_PORT: port(4002),
  ACHIEVEMENTS_ADMIN_PORT: port(9102),
  ACHIEVEMENTS_DATABASE_URL: optionalUrl(),
  DB_POOL_MAX: positiveInt(5),
});

/**
 * Configuration of the achievements subgraph (see README, "Configuration"). Parsed once by
 * {@link loadAchievementsConfig}; frozen.
 */
export interface AchievementsConfig {
  /** Shared Postgres URL, used when `ACHIEVEMENTS_DATABASE_URL` is unset. */
  readonly DATABASE_URL: string;
  /** NATS server URL(s), comma-separated. */
  readonly NATS_URL: string;
  /** Isolates this deployment's streams and subjects on a shared NATS (unset: the brief's names). */
  readonly NATS_PREFIX?: string | undefined;
  /** pino level. */
  readonly LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unexpected error messages are shown to clients only in `development`. */
  readonly NODE_ENV: 'development' | 'production' | 'test';
  /** `json` or `pretty`; unset: pretty only in a terminal in development. */
  readonly LOG_FORMAT?: 'json' | 'pretty' | undefined;
  /** Host the GraphQL port binds to (default 127.0.0.1). */
  readonly SUBGRAPH_HOST: string;
  /** Host the admin port binds to (default 127.0.0.1). */
  readonly ADMIN_HOST: string;
  /** HS256 secret verifying the gateway's credential on every request; required to serve GraphQL. */
  readonly SUBGRAPH_JWT_SECRET?: string | undefined;
  /** Public GraphQL port (default 4002; 0 picks a free port). */
  readonly ACHIEVEMENTS_PORT: number;
  /** Admin port for `/metrics`, `/healthz`, `/readyz` (default 9102). */
  readonly ACHIEVEMENTS_ADMIN_PORT: number;
  /** Own Postgres URL of the `achievements` schema; falls back to `DATABASE_URL`. */
  readonly ACHIEVEMENTS_DATABASE_URL?: string | undefined;
  /** Postgres pool size in connections (default 5). */
  readonly DB_POOL_MAX: number;
}

/**
 * Parses the achievements service's environment.
 *
 * @param env the environment (only entry points pass `process.env`)
 * @throws {ConfigError} listing every invalid variable at once
 */
export function loadAchievementsConfig(env: NodeJS.ProcessEnv): AchievementsConfig {
  return parseConfig(schema, env);
}

/** The achievements subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const achievementsSubgraph: SubgraphBase<AchievementsConfig> = {
  name: 'achievements',
  dbSchema: ACHIEVEMENTS_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.ACHIEVEMENTS_PORT,
    adminPort: config.ACHIEVEMENTS_ADMIN_PORT,
    databaseUrl: config.ACHIEVEMENTS_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
