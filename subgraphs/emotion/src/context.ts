import type { Kysely } from 'kysely';
import type { EmotionDatabase } from './db/database';
import type { EmotionModel } from './domain/emotion-model/emotion-model';
import { createLoaders } from './loaders';
import type { EmotionLoaders } from './loaders';
import type { EmotionMetrics } from './metrics';

/** Per-request context of the emotion resolvers. */
export interface EmotionContext {
  db: Kysely<EmotionDatabase>;
  loaders: EmotionLoaders;
  metrics: EmotionMetrics;
  /** The emotion model, loaded once when the subgraph starts. */
  model: EmotionModel;
}

/** Returns the context factory: fresh DataLoaders for every request; the model is shared. */
export function createContextFactory(db: Kysely<EmotionDatabase>, metrics: EmotionMetrics, model: EmotionModel): () => Promise<EmotionContext> {
  return async () => ({ db, loaders: createLoaders(db), metrics, model });
}
