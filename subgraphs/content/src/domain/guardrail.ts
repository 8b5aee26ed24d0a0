import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { ValidationError } from '../../../../lib/errors';
import { matchableText } from './matchable-text';
import { violenceReasons } from './violence-lexicon';

/** `GenerationJob.blockReasons[].check`: which guardrail check blocked the job. */
export type GuardCheck = 'blocklist' | 'profanity' | 'moderation' | 'quality';

/** One reason a job ended BLOCKED (`BlockReason` in the SDL). */
export interface BlockReason {
  check: GuardCheck;
  /**
   * What was found: the blocked word (`blocklist`: a seed word, or a root of the violence lexicon
   * such as `murder` or `shooting`), the matched term (`profanity`), the moderation category, or `low_quality`.
   */
  category: string;
  /** Where it was found (`topic` or `text`), or the quality score and the minimum. */
  detail: string | null;
}

/** What a guardrail check looked at. */
export type GuardedPart = 'topic' | 'text';

/** The seed's guardrail regex (seed-reference §2.6, persona runtime `guardrail` step), whole words, any case. */
export const SEED_BLOCKLIST = /\b(suicide|bomb|kill)\b/gi;

/**
 * The seed's blocklist: one reason per distinct blocked word of `text` (lower case), in order of
 * first appearance; none for a clean text.
 */
export function blocklistReasons(text: string, part: GuardedPart): BlockReason[] {
  const words = new Set([...text.matchAll(SEED_BLOCKLIST)].map((m) => m[0].toLowerCase()));
  return [...words].map((word) => ({ check: 'blocklist', category: word, detail: part }));
}

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/**
 * Profanity and abuse filter for the offline path: `obscenity`'s English dataset with its
 * recommended transformers (leet speak, repeated and confusable characters), which also avoids
 * the usual false positives ("assassin", "Scunthorpe"); hexadecimal identifiers are not read as
 * leet speak (see `matchableText`). One reason per distinct root term.
 */
export function profanityReasons(text: string, part: GuardedPart): BlockReason[] {
  const matches = matcher.getAllMatches(matchableText(text), true);
  const terms = new Set(matches.map((m) => englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? 'profanity'));
  return [...terms].map((term) => ({ check: 'profanity', category: term, detail: part }));
}

/**
 * The offline checks of one text: the seed's blocklist, then the violence lexicon
 * (`violence-lexicon.ts`, also reported as `blocklist`; a root the seed's regex already reported
 * is not repeated), then the profanity filter.
 */
export function offlineGuardReasons(text: string, part: GuardedPart): BlockReason[] {
  const blocked = blocklistReasons(text, part);
  const seen = new Set(blocked.map((r) => r.category));
  const violent = violenceReasons(text, part).filter((r) => !seen.has(r.category));
  return [...blocked, ...violent, ...profanityReasons(text, part)];
}

/** One-line summary of the reasons a job was blocked, stored in `generation_jobs.error`. */
export function describeBlock(reasons: readonly BlockReason[]): string {
  return `Blocked by the guardrail: ${reasons.map((r) => `${r.check}:${r.category}${r.detail ? ` (${r.detail})` : ''}`).join(', ')}`;
}

/**
 * A text the guardrail blocked outside a generation job (`updatePost`): nothing was written.
 * `BAD_USER_INPUT` with `extensions.fields` naming the edited parts and `extensions.blockReasons`
 * (`check`, `category`, `detail`, as `GenerationJob.blockReasons`).
 */
export class BlockedTextError extends ValidationError {
  override readonly name = 'BlockedTextError';

  /**
   * @param reasons why the text was blocked (at least one)
   * @param parts the input fields that made the text (`hook`, `body`)
   */
  constructor(
    readonly reasons: readonly BlockReason[],
    parts: readonly string[],
  ) {
    super(describeBlock(reasons), Object.fromEntries(parts.map((part) => [part, 'blocked by the guardrail'])), { details: { blockReasons: reasons } });
  }
}
