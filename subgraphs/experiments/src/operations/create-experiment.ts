import { ValidationError } from '../../../../lib/errors';
import { toExperiment } from '../db/model';
import type { Experiment } from '../db/model';
import { insertExperimentWithVariants } from '../db/repositories/experiments';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { checkVariantDefinitions } from '../domain/experiment-definition';
import type { VariantDefinition } from '../domain/experiment-definition';
import type { ExperimentAlgorithm } from '../domain/experiment-status';
import { checkTrafficAllocation, resolveTrafficAllocation } from '../domain/traffic-allocation';
import type { ExperimentsMetrics } from '../metrics';

/** Dependencies of {@link createExperiment}. */
export interface CreateExperimentDeps {
  db: ExperimentsDb;
  metrics: Pick<ExperimentsMetrics, 'created'>;
}

/** A new experiment after shape validation (names trimmed, description `''` when absent). */
export interface NewExperimentRequest {
  /** 1..200 characters. */
  name: string;
  /** Up to 2000 characters; `''` when not given. */
  description: string;
  /** Persona (content subgraph) whose new posts the experiment will allocate (a UUID). */
  personaId: string;
  /** `sub` of the caller, stored as `created_by`. */
  createdBy: string;
  /** How new posts are allocated (THOMPSON_SAMPLING or FIXED_ALLOCATION). */
  algorithm: ExperimentAlgorithm;
  /** Alpha of the treatment-versus-control z-tests, in (0, 1) (validated by the caller). */
  significanceLevel: number;
  /** Impressions (integer >= 1) both sides of a z-test need (validated by the caller). */
  minImpressions: number;
  /** Pause treatments whose success rate falls under half the control's (`variantsToStopEarly`). */
  earlyStop: boolean;
  /** The variants, checked against the variant and traffic-allocation rules before anything is written. */
  variants: readonly VariantDefinition[];
}

/**
 * Creates a DRAFT experiment and its variants in one transaction and counts it in
 * `experiments_created_total`.
 *
 * @returns the stored experiment
 * @throws {ValidationError} when the variants break the rules of `checkVariantDefinitions`
 *   (2..20 variants, exactly one control, unique names, dimensions a JSON object) or of
 *   `checkTrafficAllocation` (weights only under FIXED_ALLOCATION, for all variants or none,
 *   summing to 1 within 1e-6), with the problems keyed by input path (e.g.
 *   `input.variants.2.name`); nothing is written then. FIXED_ALLOCATION without weights stores an
 *   equal split.
 */
export async function createExperiment(deps: CreateExperimentDeps, request: NewExperimentRequest): Promise<Experiment> {
  const allocations = request.variants.map((v) => v.trafficAllocation);
  const problems = { ...checkTrafficAllocation(allocations, request.algorithm), ...checkVariantDefinitions(request.variants) };
  if (Object.keys(problems).length > 0) {
    const summary = Object.entries(problems)
      .map(([path, message]) => `${path}: ${message}`)
      .join('; ');
    throw new ValidationError(`Invalid input: ${summary}`, problems);
  }
  const weights = resolveTrafficAllocation(allocations, request.algorithm);
  const { experiment: row } = await insertExperimentWithVariants(deps.db, {
    name: request.name,
    description: request.description,
    personaId: request.personaId,
    createdBy: request.createdBy,
    algorithm: request.algorithm,
    significanceLevel: request.significanceLevel,
    minImpressions: request.minImpressions,
    earlyStop: request.earlyStop,
    variants: request.variants.map((v, index) => ({
      name: v.name,
      isControl: v.isControl,
      dimensions: v.dimensions as Record<string, unknown>,
      trafficAllocation: weights[index] ?? null,
    })),
  });
  deps.metrics.created.inc();
  return toExperiment(row);
}
