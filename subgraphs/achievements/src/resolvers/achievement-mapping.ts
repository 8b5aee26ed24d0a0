import type {
  AchievementCategory,
  AchievementRow,
  AchievementRowChanges,
  AchievementSourceType,
  NewAchievementRow,
} from '../db/database';
import type { CreateAchievementInput, UpdateAchievementInput } from '../domain/achievement-input';
import { deriveDurationHours } from '../domain/timeline';

/** The GraphQL `Achievement` object (camelCase, numbers instead of decimal strings). */
export interface Achievement {
  id: string;
  title: string;
  description: string;
  category: AchievementCategory;
  /** 0..100. */
  impactScore: number;
  /** 0..100. */
  complexityScore: number;
  /** USD; null when unknown. */
  businessValue: number | null;
  /** Hours. */
  timeSavedHours: number;
  /** Hours; null when unknown. */
  durationHours: number | null;
  sourceType: AchievementSourceType;
  sourceId: string | null;
  sourceUrl: string | null;
  portfolioReady: boolean;
  tags: string[];
  skills: string[];
  metrics: Record<string, unknown>;
  startedAt: Date | null;
  completedAt: Date | null;
  /** `sub` of the caller who created it; null before authentication existed. */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toNumberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/** Maps a stored row to the GraphQL `Achievement` (decimal strings become numbers). */
export function toAchievement(row: AchievementRow): Achievement {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    impactScore: Number(row.impact_score),
    complexityScore: Number(row.complexity_score),
    businessValue: toNumberOrNull(row.business_value),
    timeSavedHours: Number(row.time_saved_hours),
    durationHours: toNumberOrNull(row.duration_hours),
    sourceType: row.source_type,
    sourceId: row.source_id,
    sourceUrl: row.source_url,
    portfolioReady: row.portfolio_ready,
    tags: row.tags,
    skills: row.skills,
    metrics: row.metrics,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Maps a validated create input to the inserted row. `durationHours`, when not given, is derived
 * from `startedAt`/`completedAt` ({@link deriveDurationHours}).
 */
export function toNewAchievementRow(input: CreateAchievementInput, createdBy: string): NewAchievementRow {
  return {
    created_by: createdBy,
    title: input.title,
    description: input.description,
    category: input.category,
    impact_score: input.impactScore,
    complexity_score: input.complexityScore,
    business_value: input.businessValue ?? null,
    time_saved_hours: input.timeSavedHours,
    duration_hours: input.durationHours ?? deriveDurationHours(input.startedAt, input.completedAt),
    source_type: input.sourceType,
    source_id: input.sourceId ?? null,
    source_url: input.sourceUrl ?? null,
    portfolio_ready: input.portfolioReady,
    tags: input.tags,
    skills: input.skills,
    metrics: JSON.stringify(input.metrics),
    started_at: input.startedAt ?? null,
    completed_at: input.completedAt ?? null,
  };
}

/** Maps a validated update input to the changed columns only (undefined fields are left out). */
export function toAchievementChanges(input: UpdateAchievementInput): AchievementRowChanges {
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
    tags: input.tags,
    skills: input.skills,
    metrics: input.metrics === undefined ? undefined : JSON.stringify(input.metrics),
    started_at: input.startedAt,
    completed_at: input.completedAt,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AchievementRowChanges;
}
