import { join } from 'node:path';
import { defineSubgraph } from '../../../lib/server';
import type { AchievementsConfig } from './config';
import { createContextFactory } from './context';
import type { AchievementsContext } from './context';
import type { AchievementsDatabase } from './db/database';
import { createAchievementsMetrics } from './metrics';
import { resolvers } from './resolvers';
import { achievementsSubgraph } from './config';

/** Absolute path of the subgraph's SDL. */
export const ACHIEVEMENTS_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the achievements subgraph: GraphQL on `ACHIEVEMENTS_PORT`, admin endpoints on
 * `ACHIEVEMENTS_ADMIN_PORT` (see `defineSubgraph`).
 */
export const startAchievementsSubgraph = defineSubgraph<AchievementsDatabase, AchievementsContext, AchievementsConfig>({
  ...achievementsSubgraph,
  sdlPath: ACHIEVEMENTS_SCHEMA_PATH,
  setup: (runtime) => ({
    resolvers,
    context: createContextFactory({
      db: runtime.db,
      js: runtime.js,
      subjects: runtime.names.subjects,
      logger: runtime.logger,
      metrics: createAchievementsMetrics(runtime.metrics.registry),
    }),
  }),
});
