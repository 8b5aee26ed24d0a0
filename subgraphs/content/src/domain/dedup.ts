import type { GenerationBrief } from './prompt';
import type { RewriteReason } from './rewrite-budget';
import { rankNeighbours, similarityScore } from './similarity';
import type { Neighbour } from './similarity';

/** `GenerationJob.errorCode` of a job whose every text duplicated an earlier post of its persona. */
export const DUPLICATE_CONTENT = 'DUPLICATE_CONTENT';
/** `GenerationJob.errorCode` of a job whose last delivery failed (the message is in `error`). */
export const GENERATION_FAILED = 'GENERATION_FAILED';

/** How the generation job treats near-duplicates (`DEDUP_THRESHOLD`, `DEDUP_MAX_ATTEMPTS`). */
export interface DedupPolicy {
  /** Cosine (0..1) from which a text duplicates an earlier post of the same persona. */
  threshold: number;
  /**
   * Texts of a job that may duplicate an earlier post, the first included (1 = no rewrite for a
   * duplicate); rewrites after low quality have their own budget (`rewrite-budget.ts`).
   */
  maxAttempts: number;
}

/**
 * The earlier post a new text duplicates: the most similar neighbour whose
 * {@link similarityScore} is at least `threshold` (the newest among equals), or null.
 *
 * The seed had no dedup threshold (seed-reference §2.5: a zero-vector placeholder, never
 * searched); 0.90 follows its recommendation of "cosine ≥ 0.9 per persona".
 */
export function nearestDuplicate<T extends Neighbour>(neighbours: readonly T[], threshold: number): T | null {
  const [best] = rankNeighbours(neighbours, 1);
  return best && similarityScore(best.score) >= threshold ? best : null;
}

/**
 * The brief of attempt `attempt` (1-based) of a job: the brief itself first, then with
 * `variation` = attempt − 1 and `rewriteReason` = why the text before it was rejected (a
 * duplicate, or a quality score below `QUALITY_MIN`), which the writers turn into another text:
 * the offline writer moves every pick (hook style unless the variant fixes it, hook, opener,
 * middle sentences, closer), the language model is told why and to take another angle and hook
 * style (`buildPrompts`). Deterministic, so a redelivered job writes the same texts again.
 */
export function varyBrief(brief: GenerationBrief, attempt: number, reason: RewriteReason = 'duplicate'): GenerationBrief {
  const variation = Math.max(0, Math.floor(attempt) - 1);
  if (variation === 0) return brief;
  return { ...brief, variation, rewriteReason: reason };
}

/** A job's texts duplicated earlier posts of its persona as many times as allowed (a permanent outcome). */
export class DuplicateContentError extends Error {
  override readonly name = 'DuplicateContentError';
  /** `GenerationJob.errorCode`. */
  readonly code = DUPLICATE_CONTENT;

  /**
   * @param duplicateOf id of the earlier post the last text duplicated
   * @param score its similarity (0..1)
   * @param attempts texts that duplicated an earlier post (rewrites for quality are not counted)
   */
  constructor(
    readonly duplicateOf: string,
    readonly score: number,
    readonly attempts: number,
  ) {
    super(`${attempts} texts duplicated an earlier post of the persona; the last was ${similarityScore(score).toFixed(3)} similar to post ${duplicateOf}`);
  }
}
