import type { AchievementCategory, AchievementSourceType } from './achievement-enums';

/** Aggregates as Postgres returns them (`numeric` sums and averages as decimal strings). */
export interface RawAchievementStats {
  count: number;
  portfolioReadyCount: number;
  /** Mean impact score, null when there is no row. */
  averageImpactScore: string | null;
  totalTimeSavedHours: string | null;
  totalBusinessValue: string | null;
  /** Achievements with a known business value. */
  businessValueCount: number;
  byCategory: Array<{ category: AchievementCategory; count: number; totalImpactScore: string | null; totalBusinessValue: string | null }>;
  bySource: Array<{ sourceType: AchievementSourceType; count: number }>;
  /** One entry per UTC calendar month (its first instant) of `completed_at`, else `created_at`. */
  byMonth: Array<{ monthStart: Date; count: number; totalImpactScore: string | null; totalBusinessValue: string | null }>;
}

/** Count and sums of the achievements of one category (GraphQL `AchievementCategoryCount`). */
export interface AchievementCategoryTotals {
  category: AchievementCategory;
  count: number;
  /** Sum of the impact scores (each 0..100), 2 decimals. */
  totalImpactScore: number;
  /** Sum of the known business values, USD, 2 decimals; 0 when none is known. */
  totalBusinessValue: number;
}

/** Achievements of one calendar month (GraphQL `AchievementMonth`). */
export interface AchievementMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  count: number;
  /** Sum of the impact scores (each 0..100), 2 decimals. */
  impactScore: number;
  /** Sum of the known business values, USD, 2 decimals. */
  businessValue: number;
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
  byCategory: AchievementCategoryTotals[];
  /** Sources with at least one achievement, most frequent first, ties by source name. */
  bySource: Array<{ sourceType: AchievementSourceType; count: number }>;
  /** Months with at least one achievement, oldest first. */
  timeline: AchievementMonth[];
  /** See {@link achievementRoi}; null when unknown. */
  roi: number | null;
}

/** Price of one saved hour in the achievements' ROI, USD ({@link achievementRoi}). */
export const ROI_HOURLY_RATE_USD = 100;

/** Rounds to 2 decimals (`Math.round`: an exact half goes up). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The month key of an instant: `YYYY-MM` of its UTC calendar month.
 *
 * @example monthKey(new Date('2026-03-31T23:30:00-02:00')) // '2026-04'
 */
export function monthKey(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/**
 * Return on the saved time: the total business value (USD) divided by the value of the total
 * time saved priced at {@link ROI_HOURLY_RATE_USD} per hour, rounded to 2 decimals (2.5: the
 * estimated value is 2.5 times what the saved hours are worth). The seed has no ROI for
 * achievements; this is this subgraph's definition. Null when no business value is known
 * (`businessValueCount` 0) or no time was saved (total hours 0): a ratio of nothing.
 *
 * @example achievementRoi(25000, 23.75, 2) // 10.53
 */
export function achievementRoi(totalBusinessValue: number, totalTimeSavedHours: number, businessValueCount: number): number | null {
  if (businessValueCount === 0 || totalTimeSavedHours <= 0) return null;
  return round2(totalBusinessValue / (totalTimeSavedHours * ROI_HOURLY_RATE_USD));
}

/** Raw months as {@link AchievementMonth}s, oldest first (one per `YYYY-MM`, empty months left out). */
export function toTimeline(byMonth: RawAchievementStats['byMonth']): AchievementMonth[] {
  const months = new Map<string, AchievementMonth>();
  for (const raw of byMonth) {
    if (raw.count === 0) continue;
    const month = monthKey(raw.monthStart);
    const current = months.get(month) ?? { month, count: 0, impactScore: 0, businessValue: 0 };
    months.set(month, {
      month,
      count: current.count + raw.count,
      impactScore: round2(current.impactScore + Number(raw.totalImpactScore ?? 0)),
      businessValue: round2(current.businessValue + Number(raw.totalBusinessValue ?? 0)),
    });
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * Turns raw aggregates into {@link AchievementStats}: parses decimals, rounds the average and
 * the sums to 2 decimals, defaults empty sums to 0, orders categories and sources by count desc
 * then name, months oldest first ({@link toTimeline}), and computes the ROI ({@link achievementRoi}).
 */
export function summarizeStats(raw: RawAchievementStats): AchievementStats {
  const totalTimeSavedHours = round2(Number(raw.totalTimeSavedHours ?? 0));
  const totalBusinessValue = round2(Number(raw.totalBusinessValue ?? 0));
  return {
    count: raw.count,
    portfolioReadyCount: raw.portfolioReadyCount,
    averageImpactScore: raw.count === 0 || raw.averageImpactScore === null ? null : round2(Number(raw.averageImpactScore)),
    totalTimeSavedHours,
    totalBusinessValue,
    byCategory: raw.byCategory
      .filter((entry) => entry.count > 0)
      .map((entry) => ({
        category: entry.category,
        count: entry.count,
        totalImpactScore: round2(Number(entry.totalImpactScore ?? 0)),
        totalBusinessValue: round2(Number(entry.totalBusinessValue ?? 0)),
      }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    bySource: raw.bySource
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || a.sourceType.localeCompare(b.sourceType)),
    timeline: toTimeline(raw.byMonth),
    roi: achievementRoi(totalBusinessValue, totalTimeSavedHours, raw.businessValueCount),
  };
}
