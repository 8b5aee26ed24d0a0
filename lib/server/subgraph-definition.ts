import type { Migration } from 'kysely';
import { prettyLogs } from '../logger';
import type { LogFormat } from '../logger';
import type { RuntimeOptions } from './runtime';

/** The config fields every subgraph and worker has (`commonFields` plus `DB_POOL_MAX`). */
export interface ServiceConfig {
  NATS_URL: string;
  NATS_PREFIX?: string | undefined;
  NATS_STREAM_REPLICAS: number;
  LOG_LEVEL: string;
  LOG_FORMAT?: LogFormat | undefined;
  NODE_ENV: string;
  DB_POOL_MAX: number;
  SUBGRAPH_HOST: string;
  ADMIN_HOST: string;
  SUBGRAPH_JWT_SECRET?: string | undefined;
}

/** Where one subgraph's processes listen and which database they use, read off its config. */
export interface SubgraphEndpoints {
  /** `<NAME>_PORT`: the subgraph's GraphQL port. */
  port: number;
  /** `<NAME>_ADMIN_PORT`: the subgraph's admin port. */
  adminPort: number;
  /** `<NAME>_WORKER_ADMIN_PORT`: the worker's admin port (absent for a subgraph without a worker). */
  workerAdminPort?: number;
  /** `<NAME>_DATABASE_URL`, else `DATABASE_URL`. */
  databaseUrl: string;
}

/** What the subgraph and its worker share: name, owned Postgres schema and its migrations, endpoints. */
export interface SubgraphBase<Config extends ServiceConfig> {
  /** Subgraph name (`content`): the audience of gateway credentials, the service name in logs and metrics. */
  name: string;
  /** Postgres schema the subgraph owns. */
  dbSchema: string;
  migrations: Record<string, Migration>;
  endpoints(config: Config): SubgraphEndpoints;
}

/** Runtime options of one process of a subgraph (`service`: `content` or `content-worker`). */
export function runtimeOptionsOf<Config extends ServiceConfig>(
  base: SubgraphBase<Config>,
  config: Config,
  service: string,
  onQuery?: (sql: string) => void,
): RuntimeOptions {
  return {
    service,
    databaseUrl: base.endpoints(config).databaseUrl,
    dbSchema: base.dbSchema,
    migrations: base.migrations,
    natsUrl: config.NATS_URL,
    natsPrefix: config.NATS_PREFIX,
    natsStreamReplicas: config.NATS_STREAM_REPLICAS,
    logLevel: config.LOG_LEVEL,
    logPretty: prettyLogs(config),
    dbPoolMax: config.DB_POOL_MAX,
    onQuery,
  };
}
