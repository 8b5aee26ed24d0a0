import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../../lib/auth';
import type { Subjects } from '../../../lib/events';
import type { Logger } from '../../../lib/logger';
import type { Outbox } from '../../../lib/outbox';
import { requestLogger } from '../../../lib/server';
import type { ContentDatabase } from './db/database';
import { createLoaders } from './loaders';
import type { ContentLoaders } from './loaders';
import { describeAchievement } from './messaging/achievement-client';
import type { AchievementLookup } from './operations/generate-post';
import type { Embedder } from './providers/embedder';
import type { Moderator } from './providers/moderator';
import type { VectorIndex } from './providers/vector-index';

/** What every content resolver receives. */
export interface ContentContext {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  /** The subgraph's transactional outbox: events written with the change they announce. */
  outbox: Outbox<ContentDatabase>;
  loaders: ContentLoaders;
  logger: Logger;
  /** The caller the gateway vouched for (`sub`, scopes). */
  caller: Principal;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  /** Asks achievements what an achievement is about (`achievements.describe`, `ACHIEVEMENT_LOOKUP_TIMEOUT_MS`). */
  describeAchievement: AchievementLookup;
  /** Embeds texts as the generation job does (`similarPosts`). */
  embedder: Embedder;
  /** The vector index the generation job deduplicates with (`similarPosts`). */
  vectorIndex: VectorIndex;
  /** OpenAI's moderation (with `OPENAI_API_KEY`), run on edited drafts as the job runs it; null: the offline checks only. */
  moderator: Moderator | null;
}

/** What the content subgraph's contexts are built from (opened once, shared by requests). */
export interface ContentContextDeps {
  db: Kysely<ContentDatabase>;
  nc: NatsConnection;
  js: JetStreamClient;
  outbox: Outbox<ContentDatabase>;
  subjects: Subjects;
  logger: Logger;
  /** `ACHIEVEMENT_LOOKUP_TIMEOUT_MS`. */
  achievementLookupTimeoutMs: number;
  embedder: Embedder;
  vectorIndex: VectorIndex;
  moderator: Moderator | null;
}

/** Builds the context factory of the content subgraph (fresh loaders per request). */
export function createContextFactory(deps: ContentContextDeps) {
  const lookup: AchievementLookup = (achievementId) => describeAchievement(deps.nc, deps.subjects.describeAchievement, achievementId, deps.achievementLookupTimeoutMs);
  return async (req: IncomingMessage, caller: Principal): Promise<ContentContext> => ({
    db: deps.db,
    js: deps.js,
    outbox: deps.outbox,
    logger: requestLogger(deps.logger, req),
    loaders: createLoaders(deps.db, deps.embedder),
    caller,
    subjects: deps.subjects,
    describeAchievement: lookup,
    embedder: deps.embedder,
    vectorIndex: deps.vectorIndex,
    moderator: deps.moderator,
  });
}
