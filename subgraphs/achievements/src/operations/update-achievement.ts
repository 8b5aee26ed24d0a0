import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '../../../../lib/errors';
import type { AchievementRow, AchievementRowChanges, AchievementsDatabase } from '../db/database';
import { lockAchievement, updateAchievement as updateAchievementRow } from '../db/repositories/achievements';
import type { AchievementCategory } from '../domain/achievement-enums';
import { TIMELINE_MESSAGE, isTimelineValidAfterChange } from '../domain/timeline';

/**
 * Validated changes of an achievement (the output of `updateAchievementInput`): undefined =
 * unchanged, null clears businessValue, durationHours, sourceUrl, startedAt, completedAt.
 */
export interface AchievementChanges {
  /** 1..200 characters, trimmed. */
  title?: string | undefined;
  description?: string | undefined;
  category?: AchievementCategory | undefined;
  /** 0..100. */
  impactScore?: number | undefined;
  /** 0..100. */
  complexityScore?: number | undefined;
  /** USD. */
  businessValue?: number | null | undefined;
  /** Hours. */
  timeSavedHours?: number | undefined;
  /** Hours; not re-derived when the timeline changes. */
  durationHours?: number | null | undefined;
  /** An http(s) URL. */
  sourceUrl?: string | null | undefined;
  portfolioReady?: boolean | undefined;
  displayPriority?: number | undefined;
  /** Normalized labels. */
  tags?: string[] | undefined;
  /** Normalized labels. */
  skills?: string[] | undefined;
  metrics?: Record<string, unknown> | undefined;
  startedAt?: Date | null | undefined;
  completedAt?: Date | null | undefined;
}

const ENTITY = 'Achievement';

/** The changed columns only (undefined fields are left out; metrics serialized as JSON). */
export function toAchievementChanges(input: AchievementChanges): AchievementRowChanges {
  const changes: AchievementRowChanges = {
    title: input.title,
    description: input.description,
    category: input.category,
    impact_score: input.impactScore,
    complexity_score: input.complexityScore,
    business_value: input.businessValue,
    time_saved_hours: input.timeSavedHours,
    duration_hours: input.durationHours,
    source_url: input.sourceUrl,
    portfolio_ready: input.portfolioReady,
    display_priority: input.displayPriority,
    tags: input.tags,
    skills: input.skills,
    metrics: input.metrics === undefined ? undefined : JSON.stringify(input.metrics),
    started_at: input.startedAt,
    completed_at: input.completedAt,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AchievementRowChanges;
}

/**
 * Changes the given fields of an achievement in one transaction: the row is locked, the
 * timeline checked against the stored dates ({@link isTimelineValidAfterChange}), then updated
 * (and `updated_at` set).
 *
 * @returns the updated row
 * @throws {ValidationError} (field `input.completedAt`) when completedAt would precede startedAt after the change
 * @throws {NotFoundError} when the achievement does not exist
 */
export async function updateAchievement(db: Kysely<AchievementsDatabase>, id: string, input: AchievementChanges): Promise<AchievementRow> {
  return db.transaction().execute(async (trx) => {
    const current = await lockAchievement(trx, id);
    if (!current) throw new NotFoundError(ENTITY, id);
    if (!isTimelineValidAfterChange({ startedAt: current.started_at, completedAt: current.completed_at }, input)) {
      throw new ValidationError(`Invalid input: input.completedAt: ${TIMELINE_MESSAGE}`, { 'input.completedAt': TIMELINE_MESSAGE });
    }
    const updated = await updateAchievementRow(trx, id, toAchievementChanges(input));
    if (!updated) throw new NotFoundError(ENTITY, id);
    return updated;
  });
}
