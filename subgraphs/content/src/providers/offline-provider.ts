import { setTimeout as sleep } from 'node:timers/promises';
import { writeOfflinePost } from '../domain/offline-writer';
import { buildPrompts, estimateTokens } from '../domain/prompt';
import type { Completion, CompletionRequest, TextProvider } from './text-provider';

/** Model name recorded for posts written offline (priced at 0 USD). */
export const OFFLINE_MODEL = 'offline-generator';

/**
 * Text provider that needs no network: deterministic text from {@link writeOfflinePost},
 * streamed word by word with `tokenDelayMs` between words (so progress is visible), and token
 * counts estimated at ~4 characters per token.
 */
export function createOfflineProvider(tokenDelayMs: number): TextProvider {
  return {
    name: 'offline',
    async complete(request: CompletionRequest): Promise<Completion> {
      const post = writeOfflinePost(request.brief);
      const text = request.part === 'hook' ? post.hook : post.body;
      const words = text.split(/(?<=\s)/);
      for (const word of words) {
        request.signal?.throwIfAborted();
        if (tokenDelayMs > 0) await sleep(tokenDelayMs);
        request.onDelta(word);
      }
      const prompts = buildPrompts(request.brief);
      const prompt = prompts.system + (request.part === 'hook' ? prompts.hook : prompts.body(request.hook ?? ''));
      return { text, model: OFFLINE_MODEL, promptTokens: estimateTokens(prompt), completionTokens: estimateTokens(text) };
    },
  };
}
