import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ExperimentAlgorithm, ExperimentStatus } from '../../domain/experiment-status';
import { EXPERIMENTS_SCHEMA } from '../database';
import type { ExperimentRow, ExperimentsDatabase, VariantRow } from '../database';

/** Kysely instance (or transaction) over the experiments tables. */
export type ExperimentsDb = Kysely<ExperimentsDatabase>;

/** Thrown when a second experiment of a persona would become ACTIVE (partial unique index). */
export class ActiveExperimentExistsError extends Error {
  override readonly name = 'ActiveExperimentExistsError';
}

/** A new experiment: its columns and its variants (dimensions as objects). */
export interface NewExperiment {
  name: string;
  description: string;
  personaId: string;
  /** `sub` of the caller. */
  createdBy: string;
  algorithm: ExperimentAlgorithm;
  /** Alpha in (0, 1). */
  significanceLevel: number;
  /** Integer >= 1. */
  minImpressions: number;
  earlyStop: boolean;
  /** `trafficAllocation` in (0, 1] under FIXED_ALLOCATION, null under THOMPSON_SAMPLING. */
  variants: Array<{ name: string; isControl: boolean; dimensions: Record<string, unknown>; trafficAllocation: number | null }>;
}

/** Filter of {@link listExperiments}; absent fields do not filter. */
export interface ExperimentFilter {
  status?: ExperimentStatus;
  personaId?: string;
}

/** Columns changed by a status transition. */
export interface StatusChange {
  status: ExperimentStatus;
  /** Set `started_at` to now when it is still null. */
  markStarted?: boolean;
  /** Set `ended_at` to now. */
  markEnded?: boolean;
  winnerVariantId?: string | null;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}

/**
 * Inserts an experiment (DRAFT) and its variants in one transaction: either all rows are
 * written or none.
 *
 * @returns the stored experiment and variants (variants in input order)
 */
export async function insertExperimentWithVariants(
  db: ExperimentsDb,
  input: NewExperiment,
): Promise<{ experiment: ExperimentRow; variants: VariantRow[] }> {
  return db.transaction().execute(async (trx) => {
    const experiment = await trx
      .withSchema(EXPERIMENTS_SCHEMA)
      .insertInto('experiments')
      .values({
        name: input.name,
        description: input.description,
        persona_id: input.personaId,
        created_by: input.createdBy,
        algorithm: input.algorithm,
        significance_level: input.significanceLevel,
        min_impressions: input.minImpressions,
        early_stop: input.earlyStop,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const variants = await trx
      .withSchema(EXPERIMENTS_SCHEMA)
      .insertInto('variants')
      .values(
        input.variants.map((v) => ({
          experiment_id: experiment.id,
          name: v.name,
          is_control: v.isControl,
          dimensions: JSON.stringify(v.dimensions),
          traffic_allocation: v.trafficAllocation,
        })),
      )
      .returningAll()
      .execute();
    const byName = new Map(variants.map((v) => [v.name, v]));
    return { experiment, variants: input.variants.map((v) => byName.get(v.name)).filter((v): v is VariantRow => v !== undefined) };
  });
}

/** Experiments by id, one `where id in (...)` query (absent ids are missing from the result). */
export async function findExperimentsByIds(db: ExperimentsDb, ids: readonly string[]): Promise<ExperimentRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(EXPERIMENTS_SCHEMA).selectFrom('experiments').selectAll().where('id', 'in', ids).execute();
}

/** Experiments matching the filter, newest first. */
export async function listExperiments(db: ExperimentsDb, filter: ExperimentFilter, limit: number): Promise<ExperimentRow[]> {
  let query = db.withSchema(EXPERIMENTS_SCHEMA).selectFrom('experiments').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.personaId) query = query.where('persona_id', '=', filter.personaId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The ACTIVE experiment of a persona, if any (there is at most one). */
export async function findActiveExperiment(db: ExperimentsDb, personaId: string): Promise<ExperimentRow | undefined> {
  return db
    .withSchema(EXPERIMENTS_SCHEMA)
    .selectFrom('experiments')
    .selectAll()
    .where('persona_id', '=', personaId)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
}

/** Reads an experiment with `for update` (call inside a transaction). */
export async function lockExperiment(trx: ExperimentsDb, id: string): Promise<ExperimentRow | undefined> {
  return trx.withSchema(EXPERIMENTS_SCHEMA).selectFrom('experiments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Writes a status change (and `updated_at`).
 *
 * @throws {ActiveExperimentExistsError} when the persona already has another ACTIVE experiment
 */
export async function updateExperimentStatus(db: ExperimentsDb, id: string, change: StatusChange): Promise<ExperimentRow> {
  try {
    return await db
      .withSchema(EXPERIMENTS_SCHEMA)
      .updateTable('experiments')
      .set({
        status: change.status,
        updated_at: sql<Date>`date_trunc('milliseconds', now())`,
        ...(change.markStarted ? { started_at: sql<Date>`coalesce(started_at, date_trunc('milliseconds', now()))` } : {}),
        ...(change.markEnded ? { ended_at: sql<Date>`date_trunc('milliseconds', now())` } : {}),
        ...(change.winnerVariantId !== undefined ? { winner_variant_id: change.winnerVariantId } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err, 'experiments_one_active_per_persona')) {
      throw new ActiveExperimentExistsError('the persona already has an active experiment', { cause: err });
    }
    throw err;
  }
}
