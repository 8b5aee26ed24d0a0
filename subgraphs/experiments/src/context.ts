import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../../lib/auth';
import type { Subjects } from '../../../lib/events';
import type { Logger } from '../../../lib/logger';
import type { Outbox } from '../../../lib/outbox';
import { requestLogger } from '../../../lib/server';
import type { ExperimentsDatabase } from './db/database';
import type { ExperimentsDb } from './db/repositories/experiments';
import { createLoaders } from './loaders';
import type { ExperimentsLoaders } from './loaders';
import type { ExperimentsMetrics } from './metrics';
import type { ProbabilityBestCache } from './operations/probability-cache';

/** What every resolver of the experiments subgraph receives. */
export interface ExperimentsContext {
  db: ExperimentsDb;
  /** The subgraph's transactional outbox: events written with the change they announce. */
  outbox: Outbox<ExperimentsDatabase>;
  /** Logger bound to the request id (`x-request-id` header, else a random UUID). */
  logger: Logger;
  metrics: ExperimentsMetrics;
  loaders: ExperimentsLoaders;
  /** The caller the gateway vouched for (`sub`, scopes). */
  caller: Principal;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
}

/** Long-lived dependencies shared by all requests. */
export interface ExperimentsContextDeps {
  db: ExperimentsDb;
  outbox: Outbox<ExperimentsDatabase>;
  subjects: Subjects;
  logger: Logger;
  metrics: ExperimentsMetrics;
  /** Shared cache of `probabilityBest` estimates. */
  probabilities: ProbabilityBestCache;
}

/** Builds the per-request context factory: fresh DataLoaders and a request-scoped logger per request. */
export function createContextFactory(deps: ExperimentsContextDeps): (req: IncomingMessage, caller: Principal) => Promise<ExperimentsContext> {
  return async (req, caller) => {
    return {
      db: deps.db,
      outbox: deps.outbox,
      logger: requestLogger(deps.logger, req),
      metrics: deps.metrics,
      caller,
      subjects: deps.subjects,
      loaders: createLoaders(deps.db, deps.probabilities),
    };
  };
}
