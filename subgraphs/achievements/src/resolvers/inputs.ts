import { z } from 'zod';
import { ACHIEVEMENT_CATEGORIES, ACHIEVEMENT_SOURCE_TYPES } from '../domain/achievement-enums';
import { normalizeLabels } from '../domain/labels';
import { PORTFOLIO_FORMATS, PORTFOLIO_TEMPLATES } from '../domain/portfolio-enums';
import { MAX_PORTFOLIO_ACHIEVEMENTS } from '../domain/portfolio-filter';
import { DEFAULT_DISPLAY_PRIORITY, isPortfolioReady } from '../domain/portfolio-readiness';
import { TIMELINE_MESSAGE, isTimelineValid } from '../domain/timeline';

/** Largest accepted hour value (hours columns are `numeric(10, 2)`). */
export const MAX_HOURS = 1_000_000;
/** Largest accepted business value in USD (`numeric(14, 2)`). */
export const MAX_BUSINESS_VALUE_USD = 999_999_999_999;
/** Most labels (tags, skills) per list. */
export const MAX_LABELS = 30;
/** Longest label (tag, skill), in characters. */
export const MAX_LABEL_LENGTH = 50;

/** An achievement id: a UUID. */
export const achievementId = z.uuid({ message: 'must be a UUID' });

/** True when `value` is an achievement id; `__resolveReference` resolves any other id to null without a query. */
export function isAchievementId(value: unknown): value is string {
  return achievementId.safeParse(value).success;
}

const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const description = z.string().max(10_000, 'must be at most 10000 characters');
const score = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const hours = z.number().min(0, 'must be >= 0').max(MAX_HOURS, `must be <= ${MAX_HOURS}`);
const usd = z.number().min(0, 'must be >= 0').max(MAX_BUSINESS_VALUE_USD, `must be <= ${MAX_BUSINESS_VALUE_USD}`);
const sourceUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);
const labels = z
  .array(z.string().max(MAX_LABEL_LENGTH, `each must be at most ${MAX_LABEL_LENGTH} characters`))
  .max(MAX_LABELS, `at most ${MAX_LABELS}`)
  .transform(normalizeLabels);
const metrics = z.record(z.string(), z.unknown());
const displayPriority = z.number().int('must be an integer').min(0).max(100);

/**
 * Rules of `CreateAchievementInput`: title 1..200 characters (trimmed), scores 0..100, hours
 * and USD >= 0, http(s) source URL, labels normalized ({@link normalizeLabels}), completedAt not
 * before startedAt, and a `sourceId` for every source other than `MANUAL`. Defaults: empty
 * description, 0 hours saved, source `MANUAL`, portfolio-ready when the impact score is at least
 * 70 (seed rule), display priority 50, no labels, `{}` metrics.
 */
export const createAchievementInput = z
  .object({
    title,
    description: description.nullish().transform((v) => v ?? ''),
    category: z.enum(ACHIEVEMENT_CATEGORIES),
    impactScore: score,
    complexityScore: score,
    businessValue: usd.nullish(),
    timeSavedHours: hours.nullish().transform((v) => v ?? 0),
    durationHours: hours.nullish(),
    sourceType: z
      .enum(ACHIEVEMENT_SOURCE_TYPES)
      .nullish()
      .transform((v) => v ?? 'MANUAL'),
    sourceId: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
    sourceUrl: sourceUrl.nullish(),
    portfolioReady: z.boolean().nullish(),
    displayPriority: displayPriority.nullish().transform((v) => v ?? DEFAULT_DISPLAY_PRIORITY),
    tags: labels.nullish().transform((v) => v ?? []),
    skills: labels.nullish().transform((v) => v ?? []),
    metrics: metrics.nullish().transform((v) => v ?? {}),
    startedAt: z.date().nullish(),
    completedAt: z.date().nullish(),
  })
  .refine((input) => isTimelineValid(input.startedAt, input.completedAt), { message: TIMELINE_MESSAGE, path: ['completedAt'] })
  .refine((input) => input.sourceType === 'MANUAL' || Boolean(input.sourceId), {
    message: 'is required when sourceType is not MANUAL',
    path: ['sourceId'],
  })
  .transform((input) => ({ ...input, portfolioReady: input.portfolioReady ?? isPortfolioReady(input.impactScore) }));

/**
 * Rules of `UpdateAchievementInput`: the same per-field rules as on create; omitted fields stay
 * unchanged, `null` clears the optional ones (businessValue, durationHours, sourceUrl,
 * startedAt, completedAt) and is rejected for the others. At least one field is required. The
 * source identity (sourceType, sourceId) cannot be changed.
 */
export const updateAchievementInput = z
  .object({
    title: title.optional(),
    description: description.optional(),
    category: z.enum(ACHIEVEMENT_CATEGORIES).optional(),
    impactScore: score.optional(),
    complexityScore: score.optional(),
    businessValue: usd.nullable().optional(),
    timeSavedHours: hours.optional(),
    durationHours: hours.nullable().optional(),
    sourceUrl: sourceUrl.nullable().optional(),
    portfolioReady: z.boolean().optional(),
    displayPriority: displayPriority.optional(),
    tags: labels.optional(),
    skills: labels.optional(),
    metrics: metrics.optional(),
    startedAt: z.date().nullable().optional(),
    completedAt: z.date().nullable().optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: 'at least one field is required' })
  .refine((input) => isTimelineValid(input.startedAt, input.completedAt), { message: TIMELINE_MESSAGE, path: ['completedAt'] });

/**
 * Rules of `AchievementFilter`: minimum impact 0..100, search trimmed and at most 200
 * characters (an empty search is no filter).
 */
export const achievementFilterInput = z
  .object({
    category: z.enum(ACHIEVEMENT_CATEGORIES).nullish(),
    portfolioReady: z.boolean().nullish(),
    minImpactScore: score.nullish(),
    search: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  })
  .nullish()
  .transform((f) => ({
    category: f?.category ?? undefined,
    portfolioReady: f?.portfolioReady ?? undefined,
    minImpactScore: f?.minImpactScore ?? undefined,
    search: f?.search ? f.search : undefined,
  }));

/** Arguments of `Query.achievement` and `Mutation.deleteAchievement` (error paths: `id`). */
export const achievementIdArgs = z.object({ id: achievementId });

/** Arguments of `Mutation.createAchievement` (error paths: `input.<field>`). */
export const createAchievementArgs = z.object({ input: createAchievementInput });

/** Arguments of `Mutation.updateAchievement` (error paths: `id`, `input.<field>`). */
export const updateAchievementArgs = z.object({ id: achievementId, input: updateAchievementInput });

/**
 * Rules of `PortfolioFilter`: minimum impact 0..100, at least one category (duplicates dropped),
 * 1..500 achievements; a null or omitted field is left to the template (undefined).
 */
export const portfolioFilterInput = z
  .object({
    template: z.enum(PORTFOLIO_TEMPLATES).nullish(),
    portfolioReadyOnly: z.boolean().nullish(),
    minImpactScore: score.nullish(),
    categories: z
      .array(z.enum(ACHIEVEMENT_CATEGORIES))
      .min(1, 'must list at least one category (omit it for all)')
      .transform((categories) => [...new Set(categories)])
      .nullish(),
    maxAchievements: z
      .number()
      .int('must be an integer')
      .min(1, `must be between 1 and ${MAX_PORTFOLIO_ACHIEVEMENTS}`)
      .max(MAX_PORTFOLIO_ACHIEVEMENTS, `must be between 1 and ${MAX_PORTFOLIO_ACHIEVEMENTS}`)
      .nullish(),
  })
  .nullish()
  .transform((f) => ({
    template: f?.template ?? undefined,
    portfolioReadyOnly: f?.portfolioReadyOnly ?? undefined,
    minImpactScore: f?.minImpactScore ?? undefined,
    categories: f?.categories ?? undefined,
    maxAchievements: f?.maxAchievements ?? undefined,
  }));

/** Arguments of `Mutation.exportPortfolio` (error paths: `format`, `filter.<field>`). */
export const exportPortfolioArgs = z.object({ format: z.enum(PORTFOLIO_FORMATS), filter: portfolioFilterInput });

/** A portfolio snapshot id: a UUID. */
export const portfolioSnapshotId = z.uuid({ message: 'must be a UUID' });

/** True when `value` is a portfolio snapshot id; `__resolveReference` resolves any other id to null without a query. */
export function isPortfolioSnapshotId(value: unknown): value is string {
  return portfolioSnapshotId.safeParse(value).success;
}

/** Arguments of `Query.portfolioSnapshot` (error path: `id`). */
export const portfolioSnapshotIdArgs = z.object({ id: portfolioSnapshotId });

/** The `format` argument of `Query.portfolioSnapshots` (page arguments are checked by the listing). */
export const portfolioSnapshotsArgs = z.object({
  format: z
    .enum(PORTFOLIO_FORMATS)
    .nullish()
    .transform((v) => v ?? undefined),
});
