import type { AchievementListFilter } from '../db/repositories/achievement-filter';
import type { AchievementsDb } from '../db/repositories/achievements';
import { aggregateAchievements } from '../db/repositories/stats';
import { summarizeStats } from '../domain/achievement-stats';
import type { AchievementStats } from '../domain/achievement-stats';

/** Aggregates of the achievements matching a filter, from one snapshot ({@link summarizeStats} for rounding and order). */
export async function getAchievementStats(db: AchievementsDb, filter: AchievementListFilter): Promise<AchievementStats> {
  return summarizeStats(await aggregateAchievements(db, filter));
}
