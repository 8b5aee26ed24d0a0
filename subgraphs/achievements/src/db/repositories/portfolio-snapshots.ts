import { sql } from 'kysely';
import type { Cursor } from '../../../../../lib/graphql';
import type { PortfolioFormat } from '../../domain/portfolio-enums';
import type { PortfolioSelection } from '../../domain/portfolio-filter';
import type { AchievementRow, NewPortfolioSnapshotRow, PortfolioSnapshotParent, PortfolioSnapshotRow } from '../database';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import { escapeLikePattern } from './achievement-filter';
import type { AchievementsDb } from './achievements';

/** Thrown by {@link insertPortfolioSnapshot} when `(version, format)` is taken (a concurrent export). */
export class DuplicateSnapshotVersionError extends Error {
  override readonly name = 'DuplicateSnapshotVersionError';
}

const UNIQUE_VIOLATION = '23505';
const VERSION_FORMAT_UNIQUE = 'portfolio_snapshots_version_format';

/** Every column but `content` (lists and lookups; the content is loaded on its own). */
const SUMMARY_COLUMNS = [
  'id',
  'version',
  'format',
  'template',
  'total_achievements',
  'total_impact_score',
  'total_business_value',
  'total_time_saved_hours',
  'filter',
  'created_by',
  'created_at',
] as const;

/**
 * The achievements a portfolio selection keeps, in portfolio order (display priority desc,
 * impact desc, id asc), at most `maxAchievements`.
 */
export async function findPortfolioAchievements(db: AchievementsDb, selection: PortfolioSelection): Promise<AchievementRow[]> {
  let query = db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('achievements').selectAll();
  if (selection.portfolioReadyOnly) query = query.where('portfolio_ready', '=', true);
  if (selection.minImpactScore !== null) query = query.where('impact_score', '>=', String(selection.minImpactScore));
  if (selection.categories !== null) query = query.where('category', 'in', selection.categories);
  return query
    .orderBy('display_priority', 'desc')
    .orderBy('impact_score', 'desc')
    .orderBy('id', 'asc')
    .limit(selection.maxAchievements)
    .execute();
}

/** Versions of the snapshots of one format that are `base` or `base_<n>`. */
export async function findSnapshotVersions(db: AchievementsDb, format: PortfolioFormat, base: string): Promise<string[]> {
  const rows = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('portfolio_snapshots')
    .select('version')
    .where('format', '=', format)
    .where((eb) => eb.or([eb('version', '=', base), eb('version', 'like', `${escapeLikePattern(base)}\\_%`)]))
    .execute();
  return rows.map((row) => row.version);
}

/**
 * Inserts a snapshot and returns the stored row.
 *
 * @throws {DuplicateSnapshotVersionError} when a snapshot of the same format has the version
 */
export async function insertPortfolioSnapshot(db: AchievementsDb, values: NewPortfolioSnapshotRow): Promise<PortfolioSnapshotRow> {
  try {
    return await db.withSchema(ACHIEVEMENTS_SCHEMA).insertInto('portfolio_snapshots').values(values).returningAll().executeTakeFirstOrThrow();
  } catch (err) {
    const pgError = err as { code?: string; constraint?: string };
    if (pgError?.code === UNIQUE_VIOLATION && pgError.constraint === VERSION_FORMAT_UNIQUE) {
      throw new DuplicateSnapshotVersionError(`portfolio version ${String(values.version)} exists`, { cause: err });
    }
    throw err;
  }
}

/** Snapshots by id without their content, in one query (DataLoader batch); unknown ids are absent. */
export async function findPortfolioSnapshotsByIds(db: AchievementsDb, ids: readonly string[]): Promise<PortfolioSnapshotParent[]> {
  if (ids.length === 0) return [];
  return db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('portfolio_snapshots').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
}

/** Contents of snapshots by id, in one query (DataLoader batch); unknown ids are absent. */
export async function findPortfolioContentsByIds(db: AchievementsDb, ids: readonly string[]): Promise<Array<{ id: string; content: string }>> {
  if (ids.length === 0) return [];
  return db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('portfolio_snapshots').select(['id', 'content']).where('id', 'in', ids).execute();
}

/**
 * One page of snapshots (without content), newest first, `limit + 1` rows (the extra one tells
 * whether a next page exists); keyset on `(created_at, id)` desc, optionally of one format.
 */
export async function listPortfolioSnapshots(
  db: AchievementsDb,
  filter: { format?: PortfolioFormat | undefined },
  page: { limit: number; after: Cursor | null },
): Promise<PortfolioSnapshotParent[]> {
  let query = db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('portfolio_snapshots').select(SUMMARY_COLUMNS);
  if (filter.format !== undefined) query = query.where('format', '=', filter.format);
  const after = page.after;
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
}
