import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ExperimentAlgorithm, ExperimentStatus, VariantStatus } from '../domain/experiment-status';

/** Postgres schema owned by the experiments subgraph. */
export const EXPERIMENTS_SCHEMA = 'experiments';

/** `timestamptz` read as `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `bigint` counter: pg returns int8 as a decimal string (exact); we write numbers. */
type Counter = ColumnType<string, number | string | undefined, number | string>;
/** `jsonb` object: read parsed, written as a JSON string (pg would turn arrays into PG arrays). */
type Json = ColumnType<Record<string, unknown>, string, string>;

/**
 * `experiments.experiments`: one A/B test of prompt variants for a persona. At most one
 * experiment per persona is ACTIVE (partial unique index); `winner_variant_id` must be one of
 * the experiment's own variants (composite foreign key). `significance_level`, `min_impressions`
 * and `early_stop` are fixed at creation.
 */
export interface ExperimentsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  /** Persona (owned by content) whose posts the experiment allocates. */
  persona_id: string;
  status: ColumnType<ExperimentStatus, ExperimentStatus | undefined, ExperimentStatus>;
  algorithm: ColumnType<ExperimentAlgorithm, ExperimentAlgorithm | undefined, ExperimentAlgorithm>;
  winner_variant_id: string | null;
  /** Alpha of the treatment-versus-control z-tests, in (0, 1) (default 0.05; float8, read as a number). */
  significance_level: ColumnType<number, number | undefined, number>;
  /** Impressions (>= 1) both sides of a z-test need (default 10). */
  min_impressions: ColumnType<number, number | undefined, number>;
  /** Whether poor variants are paused by the early-stop rule (default false). */
  early_stop: ColumnType<boolean, boolean | undefined, boolean>;
  /** First time the experiment became ACTIVE. */
  started_at: Timestamp | null;
  /** Time it became COMPLETED. */
  ended_at: Timestamp | null;
  /** `sub` of the caller who created the row; null for rows from before authentication. */
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/**
 * `experiments.variants`: one arm of an experiment with its Beta-Bernoulli counts
 * (0 <= successes <= impressions). Names unique per experiment; exactly one control, which is
 * never PAUSED (check constraint).
 */
export interface VariantsTable {
  id: Generated<string>;
  experiment_id: string;
  name: string;
  is_control: boolean;
  /** Prompt dimensions, e.g. `{ "hookStyle": "question", "tone": "playful" }`. */
  dimensions: Json;
  impressions: Counter;
  successes: Counter;
  /** ACTIVE (receives new posts) or PAUSED (default ACTIVE). */
  status: ColumnType<VariantStatus, VariantStatus | undefined, VariantStatus>;
  /** Share of new posts in (0, 1] under FIXED_ALLOCATION; null under THOMPSON_SAMPLING (float8). */
  traffic_allocation: number | null;
  /** Time the variant was paused; null while ACTIVE. */
  paused_at: Timestamp | null;
  /** Why it was paused (e.g. the early-stop rule with its numbers); null while ACTIVE. */
  pause_reason: string | null;
  created_at: Generated<Date>;
}

/**
 * `experiments.variant_assignments`: the variant chosen for one generation job (and the post it
 * makes), plus the post's engagement totals already added to the variant's counts.
 */
export interface VariantAssignmentsTable {
  job_id: string;
  post_id: string;
  variant_id: string;
  experiment_id: string;
  persona_id: string;
  recorded_impressions: Counter;
  recorded_successes: Counter;
  created_at: Generated<Date>;
}

/** `experiments.experiment_events`: CloudEvents already applied (id = CloudEvent id), for idempotency. */
export interface ExperimentEventsTable {
  id: string;
  type: string;
  post_id: string | null;
  data: Json;
  created_at: Generated<Date>;
}

/** Typed tables of the `experiments` schema. */
export interface ExperimentsDatabase {
  experiments: ExperimentsTable;
  variants: VariantsTable;
  variant_assignments: VariantAssignmentsTable;
  experiment_events: ExperimentEventsTable;
}

/** An experiment row as read from Postgres. */
export type ExperimentRow = Selectable<ExperimentsTable>;
/** A variant row as read from Postgres (counters as decimal strings). */
export type VariantRow = Selectable<VariantsTable>;
/** Values of an inserted variant. */
export type NewVariantRow = Insertable<VariantsTable>;
/** An assignment row as read from Postgres. */
export type AssignmentRow = Selectable<VariantAssignmentsTable>;
