import type { SubgraphBase } from '../../../lib/server';
import type { EmotionConfig } from './config';
import { EMOTION_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

/** The emotion subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const emotionSubgraph: SubgraphBase<EmotionConfig> = {
  name: 'emotion',
  dbSchema: EMOTION_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.EMOTION_PORT,
    adminPort: config.EMOTION_ADMIN_PORT,
    workerAdminPort: config.EMOTION_WORKER_ADMIN_PORT,
    databaseUrl: config.EMOTION_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
