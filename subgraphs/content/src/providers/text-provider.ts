import type { TokenUsage } from '../domain/pricing';
import type { GenerationBrief } from '../domain/prompt';

/** Which part of the post a completion writes. */
export type PostPart = 'hook' | 'body';

/** One completion request; `onDelta` receives the text as it streams. */
export interface CompletionRequest {
  brief: GenerationBrief;
  part: PostPart;
  /** The hook, when writing the body. */
  hook?: string;
  model: string;
  onDelta: (delta: string) => void;
  signal?: AbortSignal;
}

/** A finished completion: the full text and its token usage. */
export interface Completion extends TokenUsage {
  text: string;
}

/**
 * Writes the hook or the body of a post, streaming deltas. Implementations: the offline
 * generator (default) and the OpenAI-compatible provider.
 */
export interface TextProvider {
  /** Name stored with the post (`offline` or `openai`). */
  readonly name: string;
  /**
   * @throws on provider errors (the job is retried with backoff)
   */
  complete(request: CompletionRequest): Promise<Completion>;
}
