import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { AchievementCategory } from '../../domain/achievement-enums';
import type { AchievementsDatabase } from '../database';

/** Filter of achievement lists and stats; an undefined field does not filter. */
export interface AchievementListFilter {
  category?: AchievementCategory | undefined;
  portfolioReady?: boolean | undefined;
  /** Inclusive lower bound of `impact_score` (0..100), compared as numeric. */
  minImpactScore?: number | undefined;
  /** Case-insensitive substring of the title or the description (matched literally). */
  search?: string | undefined;
}

/**
 * Escapes `\`, `%` and `_` so that a user's text matches literally inside a LIKE pattern
 * (Postgres' default LIKE escape character is the backslash).
 *
 * @example escapeLikePattern('100%_done') // '100\\%\\_done'
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQL condition of a filter (`true` when nothing filters), for `where((eb) => ...)`. */
export function achievementFilterCondition(
  eb: ExpressionBuilder<AchievementsDatabase, 'achievements'>,
  filter: AchievementListFilter,
): Expression<SqlBool> {
  const conditions: Array<Expression<SqlBool>> = [];
  if (filter.category !== undefined) conditions.push(eb('category', '=', filter.category));
  if (filter.portfolioReady !== undefined) conditions.push(eb('portfolio_ready', '=', filter.portfolioReady));
  if (filter.minImpactScore !== undefined) conditions.push(eb('impact_score', '>=', String(filter.minImpactScore)));
  if (filter.search !== undefined && filter.search.length > 0) {
    const pattern = `%${escapeLikePattern(filter.search)}%`;
    conditions.push(eb.or([eb('title', 'ilike', pattern), eb('description', 'ilike', pattern)]));
  }
  return eb.and(conditions);
}
