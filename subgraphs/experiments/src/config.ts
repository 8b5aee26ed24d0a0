import { z } from 'zod';
import { commonFields, optionalUrl, parseConfig, port, positiveInt } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { EXPERIMENTS_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

const schema = z.object({
  ...commonFields,
  EXPERIMENTS_PORT: port(4003),
  EXPERIMENTS_ADMIN_PORT: port(9103),
  EXPERIMENTS_WORKER_ADMIN_PORT: port(9203),
  EXPERIMENTS_DATABASE_URL: optionalUrl(),
  DB_POOL_MAX: positiveInt(5),
  EXPERIMENTS_CONSUMER_DURABLE: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('experiments-outcomes'),
  EXPERIMENTS_OUTCOMES_CONCURRENCY: positiveInt(4),
  EXPERIMENTS_OUTCOMES_MAX_DELIVER: positiveInt(5),
  EXPERIMENTS_OUTCOMES_ACK_WAIT_MS: positiveInt(30_000),
});

/**
 * Configuration of the experiments subgraph and its worker (see README, "Configuration").
 * Parsed once by {@link loadExperimentsConfig}; frozen.
 */
export interface ExperimentsConfig {
  /** Shared Postgres URL, used when `EXPERIMENTS_DATABASE_URL` is unset. */
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
  /** Public GraphQL port (default 4003; 0 picks a free port). */
  readonly EXPERIMENTS_PORT: number;
  /** Admin port of the subgraph for `/metrics`, `/healthz`, `/readyz` (default 9103). */
  readonly EXPERIMENTS_ADMIN_PORT: number;
  /** Admin port of the worker (default 9203). */
  readonly EXPERIMENTS_WORKER_ADMIN_PORT: number;
  /** Own Postgres URL of the `experiments` schema; falls back to `DATABASE_URL`. */
  readonly EXPERIMENTS_DATABASE_URL?: string | undefined;
  /** Postgres pool size in connections (default 5). */
  readonly DB_POOL_MAX: number;
  /** Durable name of the engagement-outcomes consumer on EVENTS (default `experiments-outcomes`). */
  readonly EXPERIMENTS_CONSUMER_DURABLE: string;
  /** Engagement events handled at the same time (default 4). */
  readonly EXPERIMENTS_OUTCOMES_CONCURRENCY: number;
  /** Deliveries of an engagement event before it is given up (default 5). */
  readonly EXPERIMENTS_OUTCOMES_MAX_DELIVER: number;
  /** Time an engagement event may stay unacknowledged before redelivery, ms (default 30 000). */
  readonly EXPERIMENTS_OUTCOMES_ACK_WAIT_MS: number;
}

/**
 * Parses the experiments service's (and worker's) environment.
 *
 * @param env the environment (only entry points pass `process.env`)
 * @throws {ConfigError} listing every invalid variable at once
 */
export function loadExperimentsConfig(env: NodeJS.ProcessEnv): ExperimentsConfig {
  return parseConfig(schema, env);
}

/** The experiments subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const experimentsSubgraph: SubgraphBase<ExperimentsConfig> = {
  name: 'experiments',
  dbSchema: EXPERIMENTS_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.EXPERIMENTS_PORT,
    adminPort: config.EXPERIMENTS_ADMIN_PORT,
    workerAdminPort: config.EXPERIMENTS_WORKER_ADMIN_PORT,
    databaseUrl: config.EXPERIMENTS_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
