import type { Logger } from '../../../../lib/logger';
import type { ContentConfig } from '../config';
import type { Embedder } from './embedder';
import { createExactVectorIndex } from './exact-vector-index';
import { createHashingEmbedder } from './hashing-embedder';
import { createOfflineProvider } from './offline-provider';
import { createOpenAIEmbedder } from './openai-embedder';
import { createOpenAIModerator } from './moderator';
import type { Moderator } from './moderator';
import { createOpenAIProvider } from './openai-provider';
import type { Publisher } from './publisher';
import { createQdrantVectorIndex } from './qdrant-vector-index';
import { createSimulatedThreads } from './simulated-threads';
import { createThreadsPublisher } from './threads-publisher';
import type { TextProvider } from './text-provider';
import type { VectorIndex } from './vector-index';

/** The OpenAI-compatible provider when `OPENAI_API_KEY` is set, else the offline generator. */
export function selectTextProvider(config: ContentConfig): TextProvider {
  if (config.OPENAI_API_KEY) {
    return createOpenAIProvider({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, timeoutMs: config.OPENAI_TIMEOUT_MS });
  }
  return createOfflineProvider(config.OFFLINE_TOKEN_DELAY_MS);
}

/** OpenAI's moderation endpoint when `OPENAI_API_KEY` is set, else none (the offline checks only). */
export function selectModerator(config: ContentConfig): Moderator | null {
  if (!config.OPENAI_API_KEY) return null;
  return createOpenAIModerator({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, timeoutMs: config.OPENAI_TIMEOUT_MS });
}

/** OpenAI's embeddings (`EMBEDDING_MODEL`) when `OPENAI_API_KEY` is set, else the hashing embedding. */
export function selectEmbedder(config: ContentConfig): Embedder {
  if (config.OPENAI_API_KEY) {
    return createOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS });
  }
  return createHashingEmbedder();
}

/** Qdrant when `QDRANT_URL` is set, else the exact index in the content schema. */
export function selectVectorIndex(config: ContentConfig): VectorIndex {
  if (config.QDRANT_URL) return createQdrantVectorIndex({ url: config.QDRANT_URL, apiKey: config.QDRANT_API_KEY });
  return createExactVectorIndex();
}

/** The Threads API when `PUBLISHER=threads`, else the built-in simulated Threads. */
export function selectPublisher(config: ContentConfig, logger: Pick<Logger, 'info'>): Publisher {
  if (config.PUBLISHER === 'threads') {
    return createThreadsPublisher({
      apiUrl: config.THREADS_API_URL,
      accounts: config.THREADS_ACCOUNTS,
      timeoutMs: config.THREADS_TIMEOUT_MS,
      insightsIntervalMs: config.THREADS_INSIGHTS_INTERVAL_MS,
      insightsHours: config.THREADS_INSIGHTS_HOURS,
    });
  }
  return createSimulatedThreads({ hoursPerSecond: config.SIMULATED_HOURS_PER_SECOND, logger });
}
