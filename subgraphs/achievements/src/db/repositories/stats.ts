import { sql } from 'kysely';
import type { AchievementCategory, AchievementSourceType } from '../../domain/achievement-enums';
import type { RawAchievementStats } from '../../domain/achievement-stats';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import { achievementFilterCondition } from './achievement-filter';
import type { AchievementListFilter } from './achievement-filter';
import type { AchievementsDb } from './achievements';

/** UTC calendar month (its first instant) of an achievement: of `completed_at`, else `created_at`. */
const MONTH_START = sql<Date | null>`date_trunc('month', coalesce(completed_at, created_at), 'UTC')`;

/**
 * Aggregates of the achievements matching a filter in ONE statement (so totals, per-category,
 * per-source and per-month figures come from the same snapshot):
 * `group by grouping sets ((category), (source_type), (month), ())` yields one row per category,
 * per source, per month (every key column null but its own) plus the grand-total row (all three
 * null; none of them is null in a stored row). Numerics come back as decimal strings.
 */
export async function aggregateAchievements(db: AchievementsDb, filter: AchievementListFilter): Promise<RawAchievementStats> {
  const rows = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('achievements')
    .where((eb) => achievementFilterCondition(eb, filter))
    .select((eb) => [
      sql<AchievementCategory | null>`category`.as('category'),
      sql<AchievementSourceType | null>`source_type`.as('source_type'),
      MONTH_START.as('month_start'),
      eb.fn.countAll<string>().as('count'),
      eb.fn.countAll<string>().filterWhere('portfolio_ready', '=', true).as('portfolio_ready_count'),
      eb.fn.avg<string | null>('impact_score').as('average_impact_score'),
      eb.fn.sum<string | null>('time_saved_hours').as('total_time_saved_hours'),
      eb.fn.sum<string | null>('business_value').as('total_business_value'),
      eb.fn.count<string>('business_value').as('business_value_count'),
      eb.fn.sum<string | null>('impact_score').as('total_impact_score'),
    ])
    .groupBy(sql`grouping sets ((category), (source_type), (${MONTH_START}), ())`)
    .execute();
  const total = rows.find((row) => row.category === null && row.source_type === null && row.month_start === null);
  return {
    count: Number(total?.count ?? 0),
    portfolioReadyCount: Number(total?.portfolio_ready_count ?? 0),
    averageImpactScore: total?.average_impact_score ?? null,
    totalTimeSavedHours: total?.total_time_saved_hours ?? null,
    totalBusinessValue: total?.total_business_value ?? null,
    businessValueCount: Number(total?.business_value_count ?? 0),
    byCategory: rows.flatMap((row) =>
      row.category === null
        ? []
        : [{ category: row.category, count: Number(row.count), totalImpactScore: row.total_impact_score, totalBusinessValue: row.total_business_value }],
    ),
    bySource: rows.flatMap((row) => (row.source_type === null ? [] : [{ sourceType: row.source_type, count: Number(row.count) }])),
    byMonth: rows.flatMap((row) =>
      row.month_start === null
        ? []
        : [{ monthStart: row.month_start, count: Number(row.count), totalImpactScore: row.total_impact_score, totalBusinessValue: row.total_business_value }],
    ),
  };
}
