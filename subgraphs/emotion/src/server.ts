import { join } from 'node:path';
import { defineSubgraph } from '../../../lib/server';
import type { EmotionConfig } from './config';
import { createContextFactory } from './context';
import type { EmotionContext } from './context';
import type { EmotionDatabase } from './db/database';
import { createEmotionMetrics } from './metrics';
import { loadEmotionModel } from './operations/load-emotion-model';
import { resolvers } from './resolvers';
import { emotionSubgraph } from './config';

/** Path of the subgraph's SDL. */
export const EMOTION_SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');

/**
 * Starts the emotion subgraph: GraphQL on `EMOTION_PORT`, admin endpoints on
 * `EMOTION_ADMIN_PORT` (see `defineSubgraph`). The emotion model is loaded once, here.
 */
export const startEmotionSubgraph = defineSubgraph<EmotionDatabase, EmotionContext, EmotionConfig>({
  ...emotionSubgraph,
  sdlPath: EMOTION_SCHEMA_PATH,
  setup: (runtime) => ({
    resolvers,
    context: createContextFactory(runtime.db, createEmotionMetrics(runtime.metrics.registry), loadEmotionModel()),
  }),
});
