import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

/** `GenerationJob.blockReasons[].check`: which guardrail check blocked the job. */
export type GuardCheck = 'blocklist' | 'profanity' | 'moderation' | 'quality';

/** One reason a job ended BLOCKED (`BlockReason` in the SDL). */
export interface BlockReason {
  check: GuardCheck;
  /** What was found: the blocked word (`blocklist`), the matched term (`profanity`), the moderation category, or `low_quality`. */
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
 * Hexadecimal identifiers (UUIDs, hashes, commit shas: 6 or more hex characters with at least one
 * digit and one letter, dash-joined groups included). Read through the leet-speak transformers
 * they spell words (`a55` as "ass", `f46` as "fag"): about 1 random UUID in 80 would be blocked.
 */
const HEX_IDENTIFIER = /\b(?=[0-9a-f-]*\d)(?=[0-9a-f-]*[a-f])[0-9a-f]{2,}(?:-[0-9a-f]{2,})*\b/gi;

/** `text` with hexadecimal identifiers blanked out (same length, so match offsets still point into `text`). */
function withoutHexIdentifiers(text: string): string {
  return text.replace(HEX_IDENTIFIER, (id) => (id.replace(/-/g, '').length >= 6 ? ' '.repeat(id.length) : id));
}

/**
 * Profanity and abuse filter for the offline path: `obscenity`'s English dataset with its
 * recommended transformers (leet speak, repeated and confusable characters), which also avoids
 * the usual false positives ("assassin", "Scunthorpe"); hexadecimal identifiers are not read as
 * leet speak. One reason per distinct root term.
 */
export function profanityReasons(text: string, part: GuardedPart): BlockReason[] {
  const matches = matcher.getAllMatches(withoutHexIdentifiers(text), true);
  const terms = new Set(matches.map((m) => englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? 'profanity'));
  return [...terms].map((term) => ({ check: 'profanity', category: term, detail: part }));
}

/** The offline checks (blocklist, then profanity) of one text. */
export function offlineGuardReasons(text: string, part: GuardedPart): BlockReason[] {
  return [...blocklistReasons(text, part), ...profanityReasons(text, part)];
}

/** One-line summary of the reasons a job was blocked, stored in `generation_jobs.error`. */
export function describeBlock(reasons: readonly BlockReason[]): string {
  return `Blocked by the guardrail: ${reasons.map((r) => `${r.check}:${r.category}${r.detail ? ` (${r.detail})` : ''}`).join(', ')}`;
}
