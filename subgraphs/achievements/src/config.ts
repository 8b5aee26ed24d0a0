import { z } from 'zod';
import { commonFields, delayList, optionalString, optionalUrl, parseConfig, port, positiveInt, url } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { ACHIEVEMENTS_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

const schema = z.object({
  ...commonFields,
  ACHIEVEMENTS_PORT: port(4002),
  ACHIEVEMENTS_ADMIN_PORT: port(9102),
  ACHIEVEMENTS_WORKER_ADMIN_PORT: port(9202),
  ACHIEVEMENTS_DATABASE_URL: optionalUrl(),
  DB_POOL_MAX: positiveInt(5),
  GITHUB_WEBHOOK_SECRET: optionalString(),
  GITHUB_TOKEN: optionalString(),
  GITHUB_API_URL: url('https://api.github.com'),
  GITHUB_TIMEOUT_MS: positiveInt(10_000),
  MIN_PR_CHANGES_FOR_ACHIEVEMENT: positiveInt(50),
  ACHIEVEMENTS_CONSUMER_DURABLE: z.string().min(1).default('achievements-webhooks'),
  ACHIEVEMENTS_WORKER_CONCURRENCY: positiveInt(4),
  ACHIEVEMENTS_MAX_DELIVER: positiveInt(5),
  ACHIEVEMENTS_ACK_WAIT_MS: positiveInt(30_000),
  ACHIEVEMENTS_RETRY_DELAYS_MS: delayList('1000,5000,15000'),
  WEBHOOK_SWEEP_INTERVAL_MS: positiveInt(10_000),
  WEBHOOK_SWEEP_MIN_AGE_MS: positiveInt(5_000),
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
  /** Copies JetStream keeps of each stream (1..5; 3 on a three-node cluster). */
  readonly NATS_STREAM_REPLICAS: number;
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
  /** Admin port of the achievements worker (default 9202). */
  readonly ACHIEVEMENTS_WORKER_ADMIN_PORT: number;
  /** HMAC-SHA256 secret of GitHub webhook deliveries; unset: `/webhooks/github` answers 503. */
  readonly GITHUB_WEBHOOK_SECRET?: string | undefined;
  /** Token for GitHub's REST API (PR files, commits, reviews); unset: deliveries are scored without them. */
  readonly GITHUB_TOKEN?: string | undefined;
  /** Base URL of GitHub's REST API (GitHub Enterprise, tests). */
  readonly GITHUB_API_URL: string;
  /** Timeout of one GitHub REST request, ms. */
  readonly GITHUB_TIMEOUT_MS: number;
  /** Changed lines (additions + deletions) that make a merged PR significant by size alone (seed: 50). */
  readonly MIN_PR_CHANGES_FOR_ACHIEVEMENT: number;
  /** JOBS durable consumer of webhook deliveries. */
  readonly ACHIEVEMENTS_CONSUMER_DURABLE: string;
  /** Deliveries processed at once by one worker. */
  readonly ACHIEVEMENTS_WORKER_CONCURRENCY: number;
  /** Deliveries of one message before the delivery is marked failed. */
  readonly ACHIEVEMENTS_MAX_DELIVER: number;
  /** JetStream ack wait, ms. */
  readonly ACHIEVEMENTS_ACK_WAIT_MS: number;
  /** Backoff between attempts, ms; the last repeats. */
  readonly ACHIEVEMENTS_RETRY_DELAYS_MS: number[];
  /** How often the worker republishes stored deliveries that never reached NATS, ms. */
  readonly WEBHOOK_SWEEP_INTERVAL_MS: number;
  /** Age a stored, unpublished delivery must reach before the sweeper republishes it, ms. */
  readonly WEBHOOK_SWEEP_MIN_AGE_MS: number;
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
    workerAdminPort: config.ACHIEVEMENTS_WORKER_ADMIN_PORT,
    databaseUrl: config.ACHIEVEMENTS_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
