import type { ExperimentAlgorithm, ExperimentStatus, VariantStatus } from '../domain/experiment-status';
import type { ExperimentRow, VariantRow } from './database';

/**
 * An `experiments` row in camelCase: what operations return, the DataLoaders cache and the
 * `Experiment` resolvers receive as parent (codegen mapper).
 */
export interface Experiment {
  id: string;
  name: string;
  description: string;
  personaId: string;
  status: ExperimentStatus;
  algorithm: ExperimentAlgorithm;
  winnerVariantId: string | null;
  /** Alpha of the treatment-versus-control z-tests, in (0, 1). */
  significanceLevel: number;
  /** Impressions (>= 1) both sides of a z-test need before it is run. */
  minImpressions: number;
  /** Whether poor variants are paused by the early-stop rule. */
  earlyStop: boolean;
  startedAt: Date | null;
  endedAt: Date | null;
  /** `sub` of the caller who created it; null before authentication existed. */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A `variants` row in camelCase with its counts as numbers (impressions and successes are
 * integers >= 0); the parent of the `Variant` resolvers (codegen mapper).
 */
export interface Variant {
  id: string;
  experimentId: string;
  name: string;
  isControl: boolean;
  dimensions: Record<string, unknown>;
  impressions: number;
  successes: number;
  /** ACTIVE variants receive new posts; PAUSED ones do not (the control is never PAUSED). */
  status: VariantStatus;
  /** Share of new posts in (0, 1] under FIXED_ALLOCATION; null under THOMPSON_SAMPLING. */
  trafficAllocation: number | null;
  pausedAt: Date | null;
  pauseReason: string | null;
  createdAt: Date;
}

/** Maps an `experiments` row. */
export function toExperiment(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    personaId: row.persona_id,
    status: row.status,
    algorithm: row.algorithm,
    winnerVariantId: row.winner_variant_id,
    significanceLevel: row.significance_level,
    minImpressions: row.min_impressions,
    earlyStop: row.early_stop,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Maps a `variants` row; bigint counters (decimal strings) become numbers. */
export function toVariant(row: VariantRow): Variant {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    name: row.name,
    isControl: row.is_control,
    dimensions: row.dimensions,
    impressions: Number(row.impressions),
    successes: Number(row.successes),
    status: row.status,
    trafficAllocation: row.traffic_allocation,
    pausedAt: row.paused_at,
    pauseReason: row.pause_reason,
    createdAt: row.created_at,
  };
}
