import { parsePageArgs, toConnection } from '../../../../lib/graphql';
import type { Connection } from '../../../../lib/graphql';
import type { AchievementRow } from '../db/database';
import { countAchievements, listAchievements as listAchievementRows } from '../db/repositories/achievements';
import type { AchievementPage, AchievementsDb } from '../db/repositories/achievements';
import type { AchievementListFilter } from '../db/repositories/achievement-filter';
import { decodeScoreCursor, toScoreConnection } from '../db/repositories/score-cursor';

/**
 * A page of achievements with the filter it was listed with (the parent of GraphQL
 * `AchievementConnection`: `totalCount` is counted from `filter` only when selected).
 */
export interface AchievementListResult extends Connection<AchievementRow> {
  filter: AchievementListFilter;
}

/** Page arguments of a listing, as the `achievements` query takes them (not yet validated). */
export interface AchievementListArgs {
  /** Page size, 0..100; 20 when null or undefined. */
  first?: number | null | undefined;
  /** Cursor of the last edge of the previous page, from the same order. */
  after?: string | null | undefined;
  /** `CREATED_AT_DESC` (also when null or undefined) or `IMPACT_SCORE_DESC`. */
  orderBy?: AchievementPage['order'] | null | undefined;
}

async function fetchPage(db: AchievementsDb, filter: AchievementListFilter, args: AchievementListArgs): Promise<Connection<AchievementRow>> {
  if (args.orderBy === 'IMPACT_SCORE_DESC') {
    const { limit } = parsePageArgs(args.first, null);
    const after = args.after ? decodeScoreCursor(args.after) : null;
    const rows = await listAchievementRows(db, filter, { order: 'IMPACT_SCORE_DESC', limit, after });
    return toScoreConnection(rows, { limit, after }, (row) => row.impact_score);
  }
  const page = parsePageArgs(args.first, args.after);
  const rows = await listAchievementRows(db, filter, { order: 'CREATED_AT_DESC', limit: page.limit, after: page.after });
  return toConnection(rows, page);
}

/**
 * One keyset-paginated page of the achievements matching a filter, newest first (default) or
 * highest impact first; ties are broken by id.
 *
 * @throws {ValidationError} when `first` is outside 0..100 or `after` is malformed or a cursor of the other order
 */
export async function listAchievements(db: AchievementsDb, filter: AchievementListFilter, args: AchievementListArgs): Promise<AchievementListResult> {
  const connection = await fetchPage(db, filter, args);
  return { edges: connection.edges, pageInfo: connection.pageInfo, filter };
}

/** Number of achievements matching a listed page's filter (all pages): its `totalCount`. */
export function countListedAchievements(db: AchievementsDb, listed: AchievementListResult): Promise<number> {
  return countAchievements(db, listed.filter);
}
