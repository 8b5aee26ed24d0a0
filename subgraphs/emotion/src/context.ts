import type { Kysely } from 'kysely';
import type { EmotionDatabase } from './db/database';
import { createLoaders } from './loaders';
import type { EmotionLoaders } from './loaders';
import type { EmotionMetrics } from './metrics';

/** Per-request context of the emotion resolvers. */
export interface EmotionContext {
  db: Kysely<EmotionDatabase>;
  loaders: EmotionLoaders;
  metrics: EmotionMetrics;
}

/** Returns the context factory: fresh DataLoaders for every request. */
export function createContextFactory(db: Kysely<EmotionDatabase>, metrics: EmotionMetrics): () => Promise<EmotionContext> {
  return async () => ({ db, loaders: createLoaders(db), metrics });
}
