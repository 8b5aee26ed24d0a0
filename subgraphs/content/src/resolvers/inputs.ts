import { z } from 'zod';
import { HOOK_STYLES, MAX_REPLY_MAGNET_LENGTH, MAX_REPLY_MAGNETS } from '../domain/persona-voice';
import type { HookStyleName } from '../domain/persona-voice';
import { MAX_TOPIC_LENGTH } from '../domain/prompt';

export { MAX_TOPIC_LENGTH };

// Control characters other than tab/newline mean the "text" is not text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A GraphQL ID that must be a UUID. */
export const idSchema = z.uuid({ message: 'must be a UUID' });

/** True when `value` is a UUID; `__resolveReference` resolves any other id to null without a query. */
export function isUuid(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

/** Posts `Achievement.posts` returns without `first`. */
export const DEFAULT_ACHIEVEMENT_POSTS = 20;

/** Trimmed plain text of 1..`max` characters (no control characters but tab and newline). */
const plainText = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine((s) => !CONTROL.test(s), 'must be plain text (no control characters)'),
    );

const topicSchema = plainText(MAX_TOPIC_LENGTH);

/** Posts `similarPosts` returns without `first`. */
export const DEFAULT_SIMILAR_POSTS = 5;
/** Longest text `similarPosts(text:)` compares, in characters (a post body's limit). */
export const MAX_SIMILARITY_TEXT_LENGTH = 10_000;

/** `similarPosts(text, personaId)` arguments (`first` is checked by `parseListLimit`). */
export const similarPostsInput = z.object({
  text: plainText(MAX_SIMILARITY_TEXT_LENGTH),
  personaId: idSchema.nullish(),
});

/**
 * `generatePost` input: a `topic`, an `achievementId` or both (at least one; an empty topic is
 * invalid, not absent). The achievement id is lower-cased, as Postgres stores UUIDs.
 */
export const generatePostInput = z
  .object({
    personaId: idSchema,
    topic: topicSchema.nullish(),
    achievementId: idSchema.transform((id) => id.toLowerCase()).nullish(),
    idempotencyKey: z.string().min(1).max(200).nullish(),
    experimentId: idSchema.nullish(),
  })
  .refine((input) => input.topic != null || input.achievementId != null, { path: ['topic'], message: 'required without achievementId' });

const personaName = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{1,49}$/, 'must be 2..50 lower-case letters, digits, - or _');
const shortText = (max: number) => z.string().trim().min(1).max(max);

const replyMagnets = z.array(plainText(MAX_REPLY_MAGNET_LENGTH)).max(MAX_REPLY_MAGNETS, `must have at most ${MAX_REPLY_MAGNETS} reply magnets`);
// GraphQL's `HookStyle` (upper case) stored as the offline writer's names (lower case), without repeats.
const hookStyles = z
  .array(z.enum(HOOK_STYLES.map((s) => s.toUpperCase()) as [string, ...string[]]))
  .transform((styles) => [...new Set(styles.map((s) => s.toLowerCase() as HookStyleName))]);

/** `createPersona` input. */
export const createPersonaInput = z.object({
  name: personaName,
  emoji: shortText(16),
  tone: shortText(40),
  description: z.string().trim().max(1000).default(''),
  hookModel: shortText(100).default('gpt-4o'),
  bodyModel: shortText(100).default('gpt-4o-mini'),
  replyMagnets: replyMagnets.nullish().transform((m) => m ?? []),
  hookEmoji: z.boolean().nullish().transform((b) => b ?? false),
  preferredHookStyles: hookStyles.nullish().transform((s) => s ?? []),
  autoPublish: z.boolean().nullish().transform((b) => b ?? false),
});

/** `updatePersona` input: every field optional, none null. */
export const updatePersonaInput = z
  .object({
    name: personaName,
    emoji: shortText(16),
    tone: shortText(40),
    description: z.string().trim().max(1000),
    hookModel: shortText(100),
    bodyModel: shortText(100),
    replyMagnets,
    hookEmoji: z.boolean(),
    preferredHookStyles: hookStyles,
    autoPublish: z.boolean(),
  })
  .partial();

/** `updatePost` input. */
export const updatePostInput = z
  .object({
    hook: shortText(500),
    body: shortText(10_000),
    status: z.enum(['DRAFT', 'ARCHIVED'], { error: 'must be DRAFT or ARCHIVED (publish with publishPost)' }),
  })
  .partial();

const count = z.number().int().nonnegative('must not be negative');

/** `recordEngagement` input: cumulative totals. */
export const engagementInput = z.object({
  impressions: count,
  likes: count,
  replies: count,
  reposts: count,
  follows: count.nullish().transform((v) => v ?? 0),
});
