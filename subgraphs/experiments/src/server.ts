import { join } from 'node:path';
import { defineSubgraph } from '../../../lib/server';
import type { ExperimentsConfig } from './config';
import { createContextFactory } from './context';
import type { ExperimentsContext } from './context';
import type { ExperimentsDatabase } from './db/database';
import { createExperimentsMetrics, registerExperimentsKpis } from './metrics';
import { ProbabilityBestCache } from './operations/probability-cache';
import { resolvers } from './resolvers';
import { experimentsSubgraph } from './config';

/** Absolute path of the subgraph's SDL. */
export const EXPERIMENTS_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the experiments subgraph: GraphQL on `EXPERIMENTS_PORT`, admin endpoints and the A/B
 * KPI gauges on `EXPERIMENTS_ADMIN_PORT` (see `defineSubgraph`).
 */
export const startExperimentsSubgraph = defineSubgraph<ExperimentsDatabase, ExperimentsContext, ExperimentsConfig>({
  ...experimentsSubgraph,
  sdlPath: EXPERIMENTS_SCHEMA_PATH,
  setup(runtime) {
    registerExperimentsKpis(runtime.metrics.registry, runtime.db, runtime.logger);
    return {
      resolvers,
      context: createContextFactory({
        db: runtime.db,
        outbox: runtime.outbox,
        subjects: runtime.names.subjects,
        logger: runtime.logger,
        metrics: createExperimentsMetrics(runtime.metrics.registry),
        probabilities: new ProbabilityBestCache(),
      }),
    };
  },
});
