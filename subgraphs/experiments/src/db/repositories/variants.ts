import { sql } from 'kysely';
import { EXPERIMENTS_SCHEMA } from '../database';
import type { VariantRow } from '../database';
import type { ExperimentsDb } from './experiments';

/** Variants by id, one `where id in (...)` query. */
export async function findVariantsByIds(db: ExperimentsDb, ids: readonly string[]): Promise<VariantRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(EXPERIMENTS_SCHEMA).selectFrom('variants').selectAll().where('id', 'in', ids).execute();
}

/** Variants of several experiments, one query; control first, then by creation and name. */
export async function findVariantsByExperimentIds(db: ExperimentsDb, experimentIds: readonly string[]): Promise<VariantRow[]> {
  if (experimentIds.length === 0) return [];
  return db
    .withSchema(EXPERIMENTS_SCHEMA)
    .selectFrom('variants')
    .selectAll()
    .where('experiment_id', 'in', experimentIds)
    .orderBy('is_control', 'desc')
    .orderBy('created_at', 'asc')
    .orderBy('name', 'asc')
    .execute();
}

/**
 * Adds non-negative deltas to a variant's impressions and successes (atomic `x = x + d`, so
 * concurrent additions never lose one another).
 *
 * @returns the variant after the addition; undefined when it does not exist
 */
export async function addVariantCounts(db: ExperimentsDb, id: string, impressions: number, successes: number): Promise<VariantRow | undefined> {
  return db
    .withSchema(EXPERIMENTS_SCHEMA)
    .updateTable('variants')
    .set({ impressions: sql<string>`impressions + ${impressions}`, successes: sql<string>`successes + ${successes}` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Pauses an ACTIVE treatment (never the control) with a reason, once: the update only matches
 * while the variant is ACTIVE, so of concurrent callers exactly one gets the row back.
 *
 * @returns the paused variant; undefined when it was already PAUSED, is the control, or does not exist
 */
export async function pauseVariant(db: ExperimentsDb, id: string, reason: string): Promise<VariantRow | undefined> {
  return db
    .withSchema(EXPERIMENTS_SCHEMA)
    .updateTable('variants')
    .set({ status: 'PAUSED', paused_at: sql<Date>`date_trunc('milliseconds', now())`, pause_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'ACTIVE')
    .where('is_control', '=', false)
    .returningAll()
    .executeTakeFirst();
}

/** Counts of one variant of an ACTIVE experiment. */
export interface ActiveVariantCounts {
  experiment: string;
  variant: string;
  impressions: number;
  successes: number;
}

/** Impressions and successes of the variants of ACTIVE experiments, at most `limit`, most impressions first. */
export async function findActiveVariantCounts(db: ExperimentsDb, limit: number): Promise<ActiveVariantCounts[]> {
  const rows = await db
    .withSchema(EXPERIMENTS_SCHEMA)
    .selectFrom('variants')
    .innerJoin('experiments', 'experiments.id', 'variants.experiment_id')
    .select(['experiments.name as experiment', 'variants.name as variant', 'variants.impressions', 'variants.successes'])
    .where('experiments.status', '=', 'ACTIVE')
    .orderBy('variants.impressions', 'desc')
    .orderBy('experiments.name')
    .orderBy('variants.name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ experiment: row.experiment, variant: row.variant, impressions: Number(row.impressions), successes: Number(row.successes) }));
}
