import { z } from 'zod';

/** Longest text `analyzeEmotions` accepts, in characters (Unicode code points). */
export const MAX_ANALYZE_CHARS = 10_000;

/** A GraphQL ID that must be a UUID (posts and personas are identified by UUIDs). */
export const idSchema = z.uuid();

/**
 * `analyzeEmotions` arguments: `text` must contain a non-blank character and be at most
 * {@link MAX_ANALYZE_CHARS} code points long.
 */
export const analyzeEmotionsArgs = z.object({
  text: z
    .string()
    .refine((text) => text.trim().length > 0, 'must not be empty')
    .refine((text) => Array.from(text).length <= MAX_ANALYZE_CHARS, `must be at most ${MAX_ANALYZE_CHARS} characters`),
});

/** `emotionTrajectory` arguments: `postId` a UUID. */
export const emotionTrajectoryArgs = z.object({ postId: idSchema });

/** `emotionSummary` arguments: `personaId` a UUID. */
export const emotionSummaryArgs = z.object({ personaId: idSchema });
