import { BODY_BAND, HOOK_BAND } from './quality-score';
import type { RewriteReason } from './rewrite-budget';

/** Largest topic a post is written about (characters): `generatePost`'s limit, and the cap of built topics. */
export const MAX_TOPIC_LENGTH = 2000;

/** How a variant shapes a post (experiments' `dimensions` JSON); unknown keys are ignored. */
export interface PromptDimensions {
  /** `question`, `statistic`, `story`, `bold` or `contrarian`. */
  hookStyle?: string;
  /** Overrides the persona's tone for this post, e.g. `playful`. */
  tone?: string;
  /** `short` (1-2 sentences), `medium` (3-4) or `long` (5-6). */
  length?: 'short' | 'medium' | 'long';
}

/** The voice a post is written in. */
export interface PersonaVoice {
  name: string;
  emoji: string;
  tone: string;
  description: string;
}

/** Everything a text provider needs to write one post. */
export interface GenerationBrief {
  persona: PersonaVoice;
  topic: string;
  dimensions: PromptDimensions;
  /**
   * Rewrite number: 0 or absent for the first text, n for the n-th rewrite of the job's text
   * (see `varyBrief` in `domain/dedup.ts`).
   */
  variation?: number;
  /** Why the text before this rewrite was rejected (`duplicate` when absent); unused without a variation. */
  rewriteReason?: RewriteReason;
}

/** Prompts of the two completions of a post: the hook, then the body that follows it. */
export interface PostPrompts {
  system: string;
  hook: string;
  body: (hook: string) => string;
}

const LENGTHS = new Set(['short', 'medium', 'long']);

/** Reads the dimensions a variant carries, keeping only known keys with string values. */
export function parseDimensions(raw: Record<string, unknown> | null | undefined): PromptDimensions {
  if (!raw) return {};
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const length = text('length');
  return {
    hookStyle: text('hookStyle'),
    tone: text('tone'),
    length: length && LENGTHS.has(length) ? (length as PromptDimensions['length']) : undefined,
  };
}

const SENTENCES = { short: '1-2', medium: '3-4', long: '5-6' } as const;

/** Angles a rewrite is asked to take, by variation (1 takes the first); they cycle. */
export const REWRITE_ANGLES = ['a personal story', 'a practical tip', 'a surprising fact', 'a question to the reader', 'a contrarian take'] as const;

/** Why a rewrite is asked for, as the prompts say it. */
const REWRITE_CAUSES: Record<RewriteReason, string> = {
  duplicate: 'an earlier draft was too close to a previous post',
  quality: 'an earlier draft scored below the content quality bar',
};

/**
 * What the seed's content quality score rewards in a part besides the hook's length, which the
 * hook prompt asks for itself (seed-reference §2.6, `quality-score.ts`): the body's good length
 * band, a closing terminator, and a `?`, `!` or `:`.
 */
function qualityAsk(part: 'hook' | 'body'): string {
  const punctuation = 'end it with a full stop, question mark or exclamation mark, and use at least one "?", "!" or ":".';
  return part === 'hook' ? ` In the line, ${punctuation}` : ` Make the body ${BODY_BAND.goodMin} to ${BODY_BAND.goodMax} characters long, ${punctuation}`;
}

/**
 * What a rewrite adds to one prompt (empty for the first text): the real reason of the rewrite
 * ({@link REWRITE_CAUSES}), another angle from {@link REWRITE_ANGLES}, another hook style unless
 * the variant fixes it, and for a rewrite after low quality what the score rewards in that part.
 */
function rewriteInstruction(brief: GenerationBrief, part: 'hook' | 'body'): string {
  const variation = brief.variation ?? 0;
  if (variation <= 0) return '';
  const reason = brief.rewriteReason ?? 'duplicate';
  const angle = REWRITE_ANGLES[(variation - 1) % REWRITE_ANGLES.length]!;
  const change = brief.dimensions.hookStyle ? 'new wording throughout' : 'another hook style';
  const ask = reason === 'quality' ? qualityAsk(part) : '';
  return ` This is rewrite ${variation}: ${REWRITE_CAUSES[reason]}, so take a fresh angle (${angle}) with ${change}.${ask}`;
}

/**
 * Builds the system, hook and body prompts of a post (Threads-Agent seed behaviour: a hook of
 * at most ~120 characters, then a body that delivers on it, in the persona's voice). A rewrite
 * (`brief.variation` > 0) says why and asks for another angle in both prompts; a rewrite after
 * low quality asks for the seed's good lengths instead (hook 50 to 200 characters, body 200 to 800).
 */
export function buildPrompts(brief: GenerationBrief): PostPrompts {
  const tone = brief.dimensions.tone ?? brief.persona.tone;
  const length = brief.dimensions.length ?? 'medium';
  const system =
    `You are ${brief.persona.name} ${brief.persona.emoji}, writing posts for Threads. ` +
    `Voice: ${tone}. ${brief.persona.description}`.trim();
  const hookStyle = brief.dimensions.hookStyle ? ` Use a ${brief.dimensions.hookStyle} hook.` : '';
  const forQuality = (brief.variation ?? 0) > 0 && brief.rewriteReason === 'quality';
  const hookLength = forQuality ? `${HOOK_BAND.goodMin} to ${HOOK_BAND.goodMax} characters` : 'at most 120 characters';
  return {
    system,
    hook: `Write one scroll-stopping opening line (${hookLength}) about: ${brief.topic}.${hookStyle}${rewriteInstruction(brief, 'hook')} Reply with the line only.`,
    body: (hook) =>
      `The post opens with: "${hook}". Write the rest of the post about "${brief.topic}" in ${SENTENCES[length]} sentences, ` +
      `in a ${tone} voice.${rewriteInstruction(brief, 'body')} Reply with the body only.`,
  };
}

/** Rough token count (~4 characters per token for English, OpenAI's rule of thumb); at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
