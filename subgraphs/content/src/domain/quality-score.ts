/** Length band of one part of a post: the range that earns points and the limits that cost some. */
interface Band {
  /** Characters from which the part earns {@link BAND_BONUS} … */
  goodMin: number;
  /** … up to this many (inclusive). */
  goodMax: number;
  /** Fewer characters cost {@link BAND_PENALTY}. */
  tooShort: number;
  /** More characters cost {@link BAND_PENALTY}. */
  tooLong: number;
}

/** Hook: 50–200 characters +0.3; under 20 or over 400 −0.2 (seed-reference §2.6). */
export const HOOK_BAND: Band = { goodMin: 50, goodMax: 200, tooShort: 20, tooLong: 400 };
/** Body: 200–800 characters +0.3; under 100 or over 1200 −0.2 (seed-reference §2.6). */
export const BODY_BAND: Band = { goodMin: 200, goodMax: 800, tooShort: 100, tooLong: 1200 };

const BASE = 0.5;
const BAND_BONUS = 0.3;
const BAND_PENALTY = 0.2;
const PUNCTUATION_BONUS = 0.1;

/**
 * Quality of one part of a post, 0..1 (the seed's `_calculate_content_quality`, seed-reference
 * §2.6): 0.5, +0.3 inside the band's good length, −0.2 outside its limits, +0.1 with a sentence
 * terminator (`.`, `!`, `?`), +0.1 with `?`, `!` or `:`; clamped to [0, 1]. An empty part (or the
 * seed's `MOCK`) scores 0.5. Lengths are in UTF-16 code units of the trimmed text.
 */
export function partQuality(text: string, band: Band): number {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'MOCK') return BASE;
  let score = BASE;
  const length = trimmed.length;
  if (length >= band.goodMin && length <= band.goodMax) score += BAND_BONUS;
  else if (length < band.tooShort || length > band.tooLong) score -= BAND_PENALTY;
  if (/[.!?]/.test(trimmed)) score += PUNCTUATION_BONUS;
  if (/[?!:]/.test(trimmed)) score += PUNCTUATION_BONUS;
  return Math.min(1, Math.max(0, Math.round(score * 1000) / 1000));
}

/**
 * Content quality score of a post, 0..1: the mean of its hook's and its body's
 * {@link partQuality} (seed-reference §2.6). The seed's viral engine gate passed from 0.7
 * (`QUALITY_MIN`).
 */
export function contentQuality(hook: string, body: string): number {
  return Math.round(((partQuality(hook, HOOK_BAND) + partQuality(body, BODY_BAND)) / 2) * 1000) / 1000;
}
