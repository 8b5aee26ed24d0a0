import { createHash } from 'node:crypto';

/**
 * The seed's "viral" words and phrases (`services/fake_threads/main.py`, seed-reference §2.7):
 * each one present in a text adds {@link VIRAL_WORD_BONUS} to its simulated engagement rate.
 */
export const VIRAL_WORDS = ['shocking', 'secret', 'revealed', 'mistake', 'truth', 'nobody talks about'] as const;

/** Base simulated engagement rate (0..1). */
export const BASE_ENGAGEMENT_RATE = 0.04;
/** Added per viral word present. */
export const VIRAL_WORD_BONUS = 0.008;
/** Added when the text asks a question (`?`). */
export const QUESTION_BONUS = 0.005;
/** Added when the text has a digit. */
export const DIGIT_BONUS = 0.003;
/** Taken off a text longer than {@link LONG_TEXT_CHARACTERS}. */
export const LONG_TEXT_PENALTY = 0.005;
/** Length (characters) above which a text counts as long. */
export const LONG_TEXT_CHARACTERS = 200;
/** Bounds of the simulated engagement rate. */
export const MIN_SIMULATED_RATE = 0.02;
export const MAX_SIMULATED_RATE = 0.12;
/** How long a simulated post keeps gaining impressions (simulated hours); reports come once a simulated hour. */
export const SIMULATED_LIFETIME_HOURS = 6;

/**
 * The seed's simulated engagement rate of a text (fake-threads, seed-reference §2.7): 0.04,
 * +0.008 per viral word present (case-insensitive, each word once), +0.005 with a `?`, +0.003 with
 * a digit, -0.005 over 200 characters, times U(0.85, 1.15), clamped to [0.02, 0.12] and rounded to
 * 4 decimals.
 *
 * @param noise a uniform draw in [0, 1) that becomes the U(0.85, 1.15) factor
 * @returns the rate, 0.02..0.12
 * @example simulatedEngagementRate('Is this the truth?', 0.5) // (0.04 + 0.008 + 0.005) × 1 = 0.053
 */
export function simulatedEngagementRate(text: string, noise: number): number {
  const lower = text.toLowerCase();
  let rate = BASE_ENGAGEMENT_RATE;
  for (const word of VIRAL_WORDS) if (lower.includes(word)) rate += VIRAL_WORD_BONUS;
  if (text.includes('?')) rate += QUESTION_BONUS;
  if (/\d/.test(text)) rate += DIGIT_BONUS;
  if (text.length > LONG_TEXT_CHARACTERS) rate -= LONG_TEXT_PENALTY;
  const factor = 0.85 + 0.3 * noise;
  const clamped = Math.min(MAX_SIMULATED_RATE, Math.max(MIN_SIMULATED_RATE, rate * factor));
  return Math.round(clamped * 10_000) / 10_000;
}

/** The seed's followers gained by a post: `int(rate × randint(800, 1200))`, with `reach` the draw. */
export function followersGained(rate: number, reach: number): number {
  return Math.floor(rate * reach);
}

/**
 * The seed's simulated cost per follow in USD: `round(0.015 × max(0.5, 0.06 / rate), 3)` (a
 * $0.015 post, cheaper per follow the better it engages, never below half).
 */
export function simulatedCostPerFollowUsd(rate: number): number {
  return Math.round(0.015 * Math.max(0.5, 0.06 / rate) * 1000) / 1000;
}

/** What the simulator decided for one post, once and for all (deterministic by post id and text). */
export interface SimulatedOutcome {
  /** 0.02..0.12. */
  engagementRate: number;
  /** Impressions over the post's lifetime: the seed's randint(800, 1200) draw. */
  reach: number;
  /** Followers gained over the lifetime. */
  followers: number;
  /** USD, the seed's formula. */
  costPerFollowUsd: number;
}

/**
 * The simulated outcome of a post: its draws (the noise of the rate and the reach) come from a
 * SHA-256 of the post id, so every report about the post agrees and a restart changes nothing.
 */
export function simulatedOutcome(postId: string, text: string): SimulatedOutcome {
  const digest = createHash('sha256').update(`simulated-threads\n${postId}`).digest();
  const noise = digest.readUIntBE(0, 6) / 2 ** 48;
  const reach = 800 + (digest.readUInt32BE(6) % 401);
  const engagementRate = simulatedEngagementRate(text, noise);
  return { engagementRate, reach, followers: followersGained(engagementRate, reach), costPerFollowUsd: simulatedCostPerFollowUsd(engagementRate) };
}

/** Cumulative totals of a post at one moment (as `recordEngagement` takes them). */
export interface SimulatedTotals {
  impressions: number;
  likes: number;
  replies: number;
  reposts: number;
  follows: number;
}

/**
 * Cumulative totals of a simulated post `hours` simulated hours after publication: impressions
 * grow as 1 - e^(-h/2) (most in the first hours), normalised to reach the whole `reach` at
 * {@link SIMULATED_LIFETIME_HOURS}; interactions are impressions × rate, split 70 % likes, 20 %
 * replies, 10 % reposts; follows grow like impressions. Never decreasing in `hours`, so reports
 * can be replayed in any order (totals are high-water marks downstream).
 */
export function simulatedTotalsAt(outcome: SimulatedOutcome, hours: number): SimulatedTotals {
  const h = Math.min(SIMULATED_LIFETIME_HOURS, Math.max(0, hours));
  const share = (1 - Math.exp(-h / 2)) / (1 - Math.exp(-SIMULATED_LIFETIME_HOURS / 2));
  const impressions = Math.round(outcome.reach * share);
  const interactions = impressions * outcome.engagementRate;
  // Each count rounded on its own, so that each one only grows with impressions.
  return {
    impressions,
    likes: Math.round(interactions * 0.7),
    replies: Math.round(interactions * 0.2),
    reposts: Math.round(interactions * 0.1),
    follows: Math.floor(outcome.followers * share),
  };
}
