import { sql } from 'kysely';
import type { AchievementCategory } from '../../domain/achievement-enums';
import type { RawAchievementStats } from '../../domain/achievement-stats';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import { achievementFilterCondition } from './achievement-filter';
import type { AchievementListFilter } from './achievement-filter';
import type { AchievementsDb } from './achievements';

/**
 * Aggregates of the achievements matching a filter in ONE statement (so totals and the
 * per-category counts come from the same snapshot): `group by grouping sets ((category), ())`
 * yields one row per category plus the grand-total row (category null). Numerics come back as
 * decimal strings.
 */
export async function aggregateAchievements(db: AchievementsDb, filter: AchievementListFilter): Promise<RawAchievementStats> {
  const rows = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('achievements')
    .where((eb) => achievementFilterCondition(eb, filter))
    .select((eb) => [
      sql<AchievementCategory | null>`category`.as('category'),
      eb.fn.countAll<string>().as('count'),
      eb.fn.countAll<string>().filterWhere('portfolio_ready', '=', true).as('portfolio_ready_count'),
      eb.fn.avg<string | null>('impact_score').as('average_impact_score'),
      eb.fn.sum<string | null>('time_saved_hours').as('total_time_saved_hours'),
      eb.fn.sum<string | null>('business_value').as('total_business_value'),
    ])
    .groupBy(sql`grouping sets ((category), ())`)
    .execute();
  const total = rows.find((row) => row.category === null);
  return {
    count: Number(total?.count ?? 0),
    portfolioReadyCount: Number(total?.portfolio_ready_count ?? 0),
    averageImpactScore: total?.average_impact_score ?? null,
    totalTimeSavedHours: total?.total_time_saved_hours ?? null,
    totalBusinessValue: total?.total_business_value ?? null,
    byCategory: rows.flatMap((row) => (row.category === null ? [] : [{ category: row.category, count: Number(row.count) }])),
  };
}
