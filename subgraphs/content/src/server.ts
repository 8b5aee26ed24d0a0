import { join } from 'node:path';
import { defineSubgraph } from '../../../lib/server';
import type { ContentConfig } from './config';
import { createContextFactory } from './context';
import type { ContentContext } from './context';
import type { ContentDatabase } from './db/database';
import { registerContentKpis } from './metrics';
import { selectEmbedder, selectModerator, selectVectorIndex } from './providers/select-provider';
import { resolvers } from './resolvers';
import { contentSubgraph } from './config';

/** Path of the content subgraph's SDL. */
export const CONTENT_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the content subgraph (personas, posts, generation jobs): GraphQL on `CONTENT_PORT`,
 * admin endpoints and the business KPI gauges on `CONTENT_ADMIN_PORT` (see `defineSubgraph`).
 */
export const startContentSubgraph = defineSubgraph<ContentDatabase, ContentContext, ContentConfig>({
  ...contentSubgraph,
  sdlPath: CONTENT_SCHEMA_PATH,
  setup(runtime, config) {
    registerContentKpis(runtime.metrics.registry, runtime.db, runtime.logger);
    return {
      resolvers,
      context: createContextFactory({
        db: runtime.db,
        nc: runtime.nc,
        js: runtime.js,
        outbox: runtime.outbox,
        subjects: runtime.names.subjects,
        logger: runtime.logger,
        achievementLookupTimeoutMs: config.ACHIEVEMENT_LOOKUP_TIMEOUT_MS,
        embedder: selectEmbedder(config),
        vectorIndex: selectVectorIndex(config),
        moderator: selectModerator(config),
      }),
    };
  },
});
