import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Cursor } from '../../../../../lib/graphql';
import type { ScoreCursor } from './score-cursor';
import type { AchievementRow, AchievementRowChanges, AchievementsDatabase, NewAchievementRow } from '../database';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import { achievementFilterCondition } from './achievement-filter';
import type { AchievementListFilter } from './achievement-filter';

/** A Kysely instance or an open transaction on the achievements database. */
export type AchievementsDb = Kysely<AchievementsDatabase> | Transaction<AchievementsDatabase>;

/** Order of an achievement list with its keyset position: newest first, or highest impact first. */
export type AchievementPage =
  | { order: 'CREATED_AT_DESC'; limit: number; after: Cursor | null }
  | { order: 'IMPACT_SCORE_DESC'; limit: number; after: ScoreCursor | null };

/** Thrown by {@link insertAchievement} when `(source_type, source_id)` already exists. */
export class DuplicateSourceError extends Error {
  override readonly name = 'DuplicateSourceError';
}

const UNIQUE_VIOLATION = '23505';
const SOURCE_UNIQUE_INDEX = 'achievements_source_unique';

function isDuplicateSource(err: unknown): boolean {
  const pgError = err as { code?: string; constraint?: string };
  return pgError?.code === UNIQUE_VIOLATION && pgError.constraint === SOURCE_UNIQUE_INDEX;
}

/**
 * Inserts an achievement and returns the stored row (one statement: nothing half-written).
 *
 * @throws {DuplicateSourceError} when another row has the same `(source_type, source_id)`
 */
export async function insertAchievement(db: AchievementsDb, values: NewAchievementRow): Promise<AchievementRow> {
  try {
    return await db.withSchema(ACHIEVEMENTS_SCHEMA).insertInto('achievements').values(values).returningAll().executeTakeFirstOrThrow();
  } catch (err) {
    if (isDuplicateSource(err)) throw new DuplicateSourceError('an achievement with this source already exists', { cause: err });
    throw err;
  }
}

/** The achievement imported from `(sourceType, sourceId)`, or null. */
export async function findAchievementBySource(db: AchievementsDb, sourceType: AchievementRow['source_type'], sourceId: string): Promise<AchievementRow | null> {
  const row = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('achievements')
    .selectAll()
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row ?? null;
}

/** Achievements by id, in one query (DataLoader batch); unknown ids are absent. */
export async function findAchievementsByIds(db: AchievementsDb, ids: readonly string[]): Promise<AchievementRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('achievements').selectAll().where('id', 'in', ids).execute();
}

/** One achievement locked `for update` inside a transaction; null when it does not exist. */
export async function lockAchievement(trx: Transaction<AchievementsDatabase>, id: string): Promise<AchievementRow | null> {
  const row = await trx.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('achievements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ?? null;
}

/** Updates columns of an achievement (and `updated_at`); null when it does not exist. */
export async function updateAchievement(db: AchievementsDb, id: string, changes: AchievementRowChanges): Promise<AchievementRow | null> {
  const row = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .updateTable('achievements')
    .set({ ...changes, updated_at: sql<Date>`date_trunc('milliseconds', now())` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Deletes an achievement; returns false when it did not exist. */
export async function deleteAchievement(db: AchievementsDb, id: string): Promise<boolean> {
  const result = await db.withSchema(ACHIEVEMENTS_SCHEMA).deleteFrom('achievements').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * One page of achievements in the page's order, `limit + 1` rows (the extra one tells whether a
 * next page exists). Keyset pagination on `(created_at, id)` or `(impact_score, id)`, both
 * descending, served by the matching indexes.
 */
export async function listAchievements(db: AchievementsDb, filter: AchievementListFilter, page: AchievementPage): Promise<AchievementRow[]> {
  let query = db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('achievements')
    .selectAll()
    .where((eb) => achievementFilterCondition(eb, filter));
  if (page.order === 'IMPACT_SCORE_DESC') {
    const after = page.after;
    if (after) query = query.where(sql<boolean>`(impact_score, id) < (${after.score}::numeric, ${after.id}::uuid)`);
    query = query.orderBy('impact_score', 'desc');
  } else {
    const after = page.after;
    if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
    query = query.orderBy('created_at', 'desc');
  }
  return query.orderBy('id', 'desc').limit(page.limit + 1).execute();
}

/** Number of achievements matching a filter. */
export async function countAchievements(db: AchievementsDb, filter: AchievementListFilter): Promise<number> {
  const { count } = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('achievements')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where((eb) => achievementFilterCondition(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(count);
}
