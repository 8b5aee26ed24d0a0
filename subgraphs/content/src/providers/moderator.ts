import OpenAI from 'openai';
import type { BlockReason, GuardedPart } from '../domain/guardrail';

/** A remote content check run after the offline guardrail checks. */
export interface Moderator {
  /** `openai`. */
  readonly name: string;
  /**
   * One reason per flagged category of `text`; none when it passes.
   *
   * @throws on provider errors (the job is retried with backoff)
   */
  check(text: string, part: GuardedPart): Promise<BlockReason[]>;
}

/** Settings of {@link createOpenAIModerator}. */
export interface OpenAIModeratorOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. `http://localhost:8000/v1`; OpenAI's when unset. */
  baseURL?: string;
  /** Request timeout (ms). */
  timeoutMs: number;
}

/** OpenAI's moderation model; the seed's guardrail used it too (seed-reference §2.6). */
export const MODERATION_MODEL = 'omni-moderation-latest';

/**
 * OpenAI's moderation endpoint (`POST /v1/moderations`, {@link MODERATION_MODEL}) over the
 * `openai` SDK: any flagged category blocks, as in the seed. The categories are OpenAI's names
 * (`violence`, `self-harm/instructions`, `harassment/threatening`...).
 */
export function createOpenAIModerator(options: OpenAIModeratorOptions): Moderator {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    name: 'openai',
    async check(text, part) {
      const response = await client.moderations.create({ model: MODERATION_MODEL, input: text });
      return response.results.flatMap((result) => {
        if (!result.flagged) return [];
        const categories = Object.entries(result.categories as unknown as Record<string, boolean | null>)
          .filter(([, flagged]) => flagged === true)
          .map(([category]) => category);
        return (categories.length > 0 ? categories : ['flagged']).map((category): BlockReason => ({ check: 'moderation', category, detail: part }));
      });
    },
  };
}
