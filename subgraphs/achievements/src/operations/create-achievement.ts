import { ConflictError } from '../../../../lib/errors';
import type { AchievementsContext } from '../context';
import type { AchievementRow, NewAchievementRow } from '../db/database';
import { DuplicateSourceError, insertAchievement } from '../db/repositories/achievements';
import type { AchievementCategory, AchievementSourceType } from '../domain/achievement-enums';
import { durationHoursOf } from '../domain/timeline';
import { achievementCreatedEvent } from '../messaging/achievement-events';

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

/** What {@link createAchievement} uses: the outbox (Postgres and JetStream), this deployment's subjects, metrics. */
export type CreateAchievementDeps = Pick<AchievementsContext, 'outbox' | 'subjects' | 'metrics'>;

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
 * Stores an achievement and its `events.achievements.achievement.created` in one transaction
 * (the outbox publishes the event after the commit, or its relay later), and counts it in
 * `achievements_created_total`.
 *
 * @param createdBy `sub` of the caller
 * @returns the stored row
 * @throws {ConflictError} when an achievement with the same (sourceType, sourceId) exists
 */
export async function createAchievement(deps: CreateAchievementDeps, input: NewAchievement, createdBy: string): Promise<AchievementRow> {
  let row: AchievementRow;
  try {
    row = await deps.outbox.transaction(async (trx, emit) => {
      const inserted = await insertAchievement(trx, toNewAchievementRow(input, createdBy));
      emit(achievementCreatedEvent(deps.subjects, inserted));
      return inserted;
    });
  } catch (err) {
    if (err instanceof DuplicateSourceError) {
      throw new ConflictError(`An achievement from ${input.sourceType} ${input.sourceId ?? ''} already exists`, { cause: err });
    }
    throw err;
  }
  deps.metrics.created.inc({ source_type: row.source_type });
  return row;
}
