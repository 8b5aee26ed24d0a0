import { join } from 'node:path';
import { defineSubgraph } from '../../../lib/server';
import type { AchievementsConfig } from './config';
import { createContextFactory } from './context';
import type { AchievementsContext } from './context';
import type { AchievementsDatabase } from './db/database';
import { createAchievementsMetrics } from './metrics';
import { GITHUB_WEBHOOK_PATH, githubWebhookRoute } from './messaging/github-webhook-endpoint';
import { resolvers } from './resolvers';
import { achievementsSubgraph } from './config';

/** Absolute path of the subgraph's SDL. */
export const ACHIEVEMENTS_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the achievements subgraph: GraphQL on `ACHIEVEMENTS_PORT` and GitHub's
 * `POST /webhooks/github` on the same port (signed by GitHub, not by the gateway), admin
 * endpoints on `ACHIEVEMENTS_ADMIN_PORT` (see `defineSubgraph`). Without
 * `GITHUB_WEBHOOK_SECRET` the webhook answers 503, and start-up says so once.
 */
export const startAchievementsSubgraph = defineSubgraph<AchievementsDatabase, AchievementsContext, AchievementsConfig>({
  ...achievementsSubgraph,
  sdlPath: ACHIEVEMENTS_SCHEMA_PATH,
  setup(runtime, config) {
    const metrics = createAchievementsMetrics(runtime.metrics.registry);
    const shared = { db: runtime.db, js: runtime.js, outbox: runtime.outbox, subjects: runtime.names.subjects, logger: runtime.logger, metrics };
    if (!config.GITHUB_WEBHOOK_SECRET) runtime.logger.warn(`GITHUB_WEBHOOK_SECRET is not set: ${GITHUB_WEBHOOK_PATH} refuses deliveries (503) until it is`);
    return {
      resolvers,
      context: createContextFactory(shared),
      route: githubWebhookRoute({ ...shared, secret: config.GITHUB_WEBHOOK_SECRET }),
    };
  },
});
