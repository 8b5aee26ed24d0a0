import OpenAI from 'openai';
import { buildPrompts, estimateTokens } from '../domain/prompt';
import type { Completion, CompletionRequest, TextProvider } from './text-provider';

/** Settings of the OpenAI-compatible provider. */
export interface OpenAIProviderOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. `http://localhost:8000/v1`; OpenAI's when unset. */
  baseURL?: string;
  /** Request timeout (ms). */
  timeoutMs: number;
}

/**
 * Text provider over the `openai` SDK with streamed chat completions. Usage comes from the
 * final chunk (`stream_options.include_usage`); servers that omit it get estimated counts.
 *
 * @throws the SDK's `APIError` subclasses on HTTP errors (the job is retried)
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): TextProvider {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    name: 'openai',
    async complete(request: CompletionRequest): Promise<Completion> {
      const prompts = buildPrompts(request.brief);
      const user = request.part === 'hook' ? prompts.hook : prompts.body(request.hook ?? '');
      const stream = await client.chat.completions.create(
        {
          model: request.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            { role: 'system', content: prompts.system },
            { role: 'user', content: user },
          ],
          max_tokens: request.part === 'hook' ? 60 : 400,
        },
        { signal: request.signal },
      );
      let text = '';
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          text += delta;
          request.onDelta(delta);
        }
        if (chunk.usage) usage = chunk.usage;
      }
      text = text.trim();
      return {
        text,
        model: request.model,
        promptTokens: usage?.prompt_tokens ?? estimateTokens(prompts.system + user),
        completionTokens: usage?.completion_tokens ?? estimateTokens(text),
      };
    },
  };
}
