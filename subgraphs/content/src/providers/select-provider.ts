import type { ContentConfig } from '../config';
import { createOfflineProvider } from './offline-provider';
import { createOpenAIProvider } from './openai-provider';
import type { TextProvider } from './text-provider';

/** The OpenAI-compatible provider when `OPENAI_API_KEY` is set, else the offline generator. */
export function selectTextProvider(config: ContentConfig): TextProvider {
  if (config.OPENAI_API_KEY) {
    return createOpenAIProvider({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, timeoutMs: config.OPENAI_TIMEOUT_MS });
  }
  return createOfflineProvider(config.OFFLINE_TOKEN_DELAY_MS);
}
