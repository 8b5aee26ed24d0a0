import type { SubgraphBase } from '../../../lib/server';
import type { ContentConfig } from './config';
import { CONTENT_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

/** The content subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const contentSubgraph: SubgraphBase<ContentConfig> = {
  name: 'content',
  dbSchema: CONTENT_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.CONTENT_PORT,
    adminPort: config.CONTENT_ADMIN_PORT,
    workerAdminPort: config.CONTENT_WORKER_ADMIN_PORT,
    databaseUrl: config.CONTENT_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
