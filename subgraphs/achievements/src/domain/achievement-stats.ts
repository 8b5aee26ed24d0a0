import type { AchievementCategory } from './achievement-enums';

/** Aggregates as Postgres returns them (`numeric` sums and averages as decimal strings). */
export interface RawAchievementStats {
  count: number;
  portfolioReadyCount: number;
  /** Mean impact score, null when there is no row. */
  averageImpactScore: string | null;
  totalTimeSavedHours: string | null;
  totalBusinessValue: string | null;
  byCategory: Array<{ category: AchievementCategory; count: number }>;
}

/** Aggregates of a set of achievements (GraphQL `AchievementStats`). */
export interface AchievementStats {
  count: number;
  portfolioReadyCount: number;
  /** 0..100, rounded to 2 decimals; null when `count` is 0. */
  averageImpactScore: number | null;
  /** Hours, 2 decimals; 0 when empty. */
  totalTimeSavedHours: number;
  /** USD, 2 decimals, sum of the known values; 0 when empty. */
  totalBusinessValue: number;
  /** Categories with at least one achievement, most frequent first, ties by category name. */
  byCategory: Array<{ category: AchievementCategory; count: number }>;
}

/** Rounds to 2 decimals (`Math.round`: an exact half goes up). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Turns raw aggregates into {@link AchievementStats}: parses decimals, rounds the average to 2
 * decimals, defaults empty sums to 0, orders categories by count desc then name.
 */
export function summarizeStats(raw: RawAchievementStats): AchievementStats {
  return {
    count: raw.count,
    portfolioReadyCount: raw.portfolioReadyCount,
    averageImpactScore: raw.count === 0 || raw.averageImpactScore === null ? null : round2(Number(raw.averageImpactScore)),
    totalTimeSavedHours: round2(Number(raw.totalTimeSavedHours ?? 0)),
    totalBusinessValue: round2(Number(raw.totalBusinessValue ?? 0)),
    byCategory: raw.byCategory
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
  };
}
