import { createHash } from 'node:crypto';
import type { PromptDimensions } from './prompt';

/** Hook styles of the offline writer (`offline-writer.ts`), as variants and personas name them. */
export const HOOK_STYLES = ['question', 'statistic', 'story', 'bold', 'contrarian'] as const;

/** One of {@link HOOK_STYLES}. */
export type HookStyleName = (typeof HOOK_STYLES)[number];

/** Most reply magnets a persona has. */
export const MAX_REPLY_MAGNETS = 10;
/** Longest reply magnet (characters). */
export const MAX_REPLY_MAGNET_LENGTH = 120;

/** What separates a body from its reply magnet: the magnet stands on its own line. */
export const REPLY_MAGNET_SEPARATOR = '\n\n';

/** A persona's formatting of its posts (persona fields `hookEmoji`, `replyMagnets`, `preferredHookStyles`). */
export interface VoiceFormat {
  emoji: string;
  /** Wrap the hook as `{emoji} {hook} {emoji}` (the seed's `format` step, seed-reference §2.6). */
  hookEmoji: boolean;
  /** 0..10 closing lines inviting replies, e.g. "What wisdom would you add? 🙏". */
  replyMagnets: readonly string[];
  /** Hook styles to write in when no variant fixes one; empty: any. */
  preferredHookStyles: readonly string[];
}

/** Text put before and after the hook: the persona's emoji and a space on each side, or nothing. */
export function hookWrap(voice: Pick<VoiceFormat, 'emoji' | 'hookEmoji'>): { prefix: string; suffix: string } {
  return voice.hookEmoji ? { prefix: `${voice.emoji} `, suffix: ` ${voice.emoji}` } : { prefix: '', suffix: '' };
}

/** The hook in the persona's voice, e.g. `🙏 Have you ever ...? 🙏` when `hookEmoji`; else unchanged. */
export function formatHook(hook: string, voice: Pick<VoiceFormat, 'emoji' | 'hookEmoji'>): string {
  const { prefix, suffix } = hookWrap(voice);
  return `${prefix}${hook}${suffix}`;
}

/**
 * The reply magnet of a post, picked from the persona's by a SHA-256 of `seed` (the job's topic):
 * the same topic always gets the same magnet, so every delivery and rewrite of a job ends alike.
 * Null when the persona has none.
 */
export function pickReplyMagnet(magnets: readonly string[], seed: string): string | null {
  if (magnets.length === 0) return null;
  const digest = createHash('sha256').update(`magnet\n${seed}`).digest();
  return magnets[digest.readUInt32BE(0) % magnets.length] ?? null;
}

/** What is appended to the body: the separator and the magnet, or nothing without one. */
export function replyMagnetSuffix(magnet: string | null): string {
  return magnet ? `${REPLY_MAGNET_SEPARATOR}${magnet}` : '';
}

/**
 * A written post in the persona's voice (the seed's formatting, then its reply magnetizer): the
 * hook wrapped with the emoji when `hookEmoji`, the body followed by a blank line and the reply
 * magnet picked for `seed`. Formats what the guardrail and the quality gate then check.
 *
 * @example formatPost({ hook: 'Be still.', body: 'Peace.' }, { emoji: '🙏', hookEmoji: true, replyMagnets: ['What wisdom would you add? 🙏'], preferredHookStyles: [] }, 'rest')
 * // { hook: '🙏 Be still. 🙏', body: 'Peace.\n\nWhat wisdom would you add? 🙏' }
 */
export function formatPost(post: { hook: string; body: string }, voice: VoiceFormat, seed: string): { hook: string; body: string } {
  return { hook: formatHook(post.hook, voice), body: `${post.body}${replyMagnetSuffix(pickReplyMagnet(voice.replyMagnets, seed))}` };
}

/**
 * Dimensions with the persona's preferred hook style: unchanged when a variant fixes `hookStyle`
 * or the persona prefers none; otherwise one of `preferred`, picked by a SHA-256 of the topic and
 * turned by `variation` (a rewrite takes the next preferred style, as the offline writer turns its
 * own pick).
 */
export function withPreferredHookStyle(dimensions: PromptDimensions, preferred: readonly string[], topic: string, variation = 0): PromptDimensions {
  if (dimensions.hookStyle || preferred.length === 0) return dimensions;
  const digest = createHash('sha256').update(`hook-style\n${topic}`).digest();
  return { ...dimensions, hookStyle: preferred[(digest.readUInt32BE(0) + variation) % preferred.length] };
}
