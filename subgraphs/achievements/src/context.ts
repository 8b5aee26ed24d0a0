import type { IncomingMessage } from 'node:http';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Principal } from '../../../lib/auth';
import type { Subjects } from '../../../lib/events';
import type { Logger } from '../../../lib/logger';
import type { Outbox } from '../../../lib/outbox';
import { requestLogger } from '../../../lib/server';
import type { AchievementsDatabase } from './db/database';
import { createLoaders } from './loaders';
import type { AchievementsLoaders } from './loaders';
import type { AchievementsMetrics } from './metrics';

/** What every resolver of the achievements subgraph receives. */
export interface AchievementsContext {
  db: Kysely<AchievementsDatabase>;
  js: JetStreamClient;
  /** The subgraph's transactional outbox: events written with the change they announce. */
  outbox: Outbox<AchievementsDatabase>;
  /** Logger bound to the request id (`x-request-id` header, else a random UUID). */
  logger: Logger;
  metrics: AchievementsMetrics;
  loaders: AchievementsLoaders;
  /** The caller the gateway vouched for (`sub`, scopes). */
  caller: Principal;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
}

/** Long-lived dependencies shared by all requests. */
export interface AchievementsContextDeps {
  db: Kysely<AchievementsDatabase>;
  js: JetStreamClient;
  outbox: Outbox<AchievementsDatabase>;
  subjects: Subjects;
  logger: Logger;
  metrics: AchievementsMetrics;
}

/** Builds the per-request context factory: fresh DataLoaders and a request-scoped logger per request. */
export function createContextFactory(deps: AchievementsContextDeps): (req: IncomingMessage, caller: Principal) => Promise<AchievementsContext> {
  return async (req, caller) => {
    return {
      db: deps.db,
      js: deps.js,
      outbox: deps.outbox,
      logger: requestLogger(deps.logger, req),
      metrics: deps.metrics,
      caller,
      subjects: deps.subjects,
      loaders: createLoaders(deps.db),
    };
  };
}
