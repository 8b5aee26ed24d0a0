import type { SubgraphBase } from '../../../lib/server';
import type { ExperimentsConfig } from './config';
import { EXPERIMENTS_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

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
