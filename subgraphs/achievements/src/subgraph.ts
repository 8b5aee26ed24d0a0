import type { SubgraphBase } from '../../../lib/server';
import type { AchievementsConfig } from './config';
import { ACHIEVEMENTS_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

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
