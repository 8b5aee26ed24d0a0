import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../../lib/auth';
import type { Subjects } from '../../../lib/events';
import type { Logger } from '../../../lib/logger';
import { requestLogger } from '../../../lib/server';
import type { ContentDatabase } from './db/database';
import { createLoaders } from './loaders';
import type { ContentLoaders } from './loaders';

/** What every content resolver receives. */
export interface ContentContext {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  loaders: ContentLoaders;
  logger: Logger;
  /** The caller the gateway vouched for (`sub`, scopes). */
  caller: Principal;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
}

/** Builds the context factory of the content subgraph (fresh loaders per request). */
export function createContextFactory(db: Kysely<ContentDatabase>, js: JetStreamClient, subjects: Subjects, logger: Logger) {
  return async (req: IncomingMessage, caller: Principal): Promise<ContentContext> => ({ db, js, logger: requestLogger(logger, req), loaders: createLoaders(db), caller, subjects });
}
