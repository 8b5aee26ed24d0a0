import { ConflictError } from '../../../../lib/errors';
import type { AchievementsContext } from '../context';
import type { AchievementRow, NewAchievementRow } from '../db/database';
import { DuplicateSourceError, insertAchievement } from '../db/repositories/achievements';
import type { AchievementCategory, AchievementSourceType } from '../domain/achievement-enums';
import { durationHoursOf } from '../domain/timeline';
import { publishAchievementCreated } from '../messaging/achievement-events';

/** A validated new achievement (the output of `createAchievementInput`, defaults applied). */
export interface NewAchievement {
  /** 1..200 characters, trimmed. */
  title: string;
  description: string;
  category: AchievementCategory;
  /** 0..100. */
  impactScore: number;
  /** 0..100. */
  complexityScore: number;
  /** USD; null or undefined when unknown. */
  businessValue?: number | null | undefined;
  /** Hours. */
  timeSavedHours: number;
  /** Hours; derived from `startedAt`/`completedAt` when null or undefined. */
  durationHours?: number | null | undefined;
  sourceType: AchievementSourceType;
  /** Present for every source other than `MANUAL`. */
  sourceId?: string | null | undefined;
  /** An http(s) URL. */
  sourceUrl?: string | null | undefined;
  portfolioReady: boolean;
  /** Portfolio order, 0..100. */
  displayPriority: number;
  /** Normalized labels. */
  tags: string[];
  /** Normalized labels. */
  skills: string[];
  metrics: Record<string, unknown>;
  startedAt?: Date | null | undefined;
  /** Not before `startedAt`. */
  completedAt?: Date | null | undefined;
}

/** What {@link createAchievement} uses: Postgres, JetStream and this deployment's subjects, metrics, the request's logger. */
export type CreateAchievementDeps = Pick<AchievementsContext, 'db' | 'js' | 'subjects' | 'metrics' | 'logger'>;

/**
 * The row inserted for a new achievement: `durationHours`, when not given, is derived from
 * `startedAt`/`completedAt` ({@link durationHoursOf}); metrics are serialized as JSON.
 *
 * @param createdBy `sub` of the caller
 */
export function toNewAchievementRow(input: NewAchievement, createdBy: string): NewAchievementRow {
  return {
    created_by: createdBy,
    title: input.title,
    description: input.description,
    category: input.category,
    impact_score: input.impactScore,
    complexity_score: input.complexityScore,
    business_value: input.businessValue ?? null,
    time_saved_hours: input.timeSavedHours,
    duration_hours: durationHoursOf(input.durationHours, input.startedAt, input.completedAt),
    source_type: input.sourceType,
    source_id: input.sourceId ?? null,
    source_url: input.sourceUrl ?? null,
    portfolio_ready: input.portfolioReady,
    display_priority: input.displayPriority,
    tags: input.tags,
    skills: input.skills,
    metrics: JSON.stringify(input.metrics),
    started_at: input.startedAt ?? null,
    completed_at: input.completedAt ?? null,
  };
}

/**
 * Publishes `achievement.created` after the row is committed. A failure is logged and counted,
 * not thrown: the row stays (an outbox table would make the event as durable as the row).
 */
export async function announceAchievementCreated(deps: Pick<CreateAchievementDeps, 'js' | 'subjects' | 'metrics' | 'logger'>, row: AchievementRow): Promise<void> {
  try {
    await publishAchievementCreated(deps.js, deps.subjects, row);
  } catch (err) {
    deps.metrics.eventPublishFailures.inc();
    deps.logger.error({ err, achievementId: row.id }, 'achievement.created event not published');
  }
}

/**
 * Stores an achievement (one statement), counts it in `achievements_created_total`, then
 * publishes `events.achievements.achievement.created` (a publish failure does not fail the
 * creation, see `announceAchievementCreated`).
 *
 * @param createdBy `sub` of the caller
 * @returns the stored row
 * @throws {ConflictError} when an achievement with the same (sourceType, sourceId) exists
 */
export async function createAchievement(deps: CreateAchievementDeps, input: NewAchievement, createdBy: string): Promise<AchievementRow> {
  let row: AchievementRow;
  try {
    row = await insertAchievement(deps.db, toNewAchievementRow(input, createdBy));
  } catch (err) {
    if (err instanceof DuplicateSourceError) {
      throw new ConflictError(`An achievement from ${input.sourceType} ${input.sourceId ?? ''} already exists`, { cause: err });
    }
    throw err;
  }
  deps.metrics.created.inc({ source_type: row.source_type });
  await announceAchievementCreated(deps, row);
  return row;
}
