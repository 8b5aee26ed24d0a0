import { validateInput } from '../../../../lib/graphql';
import type { ExperimentsContext } from '../context';
import type { Experiment } from '../db/model';
import type { StatusAction } from '../domain/experiment-status';
import { changeExperimentStatus } from '../operations/change-experiment-status';
import { createExperiment } from '../operations/create-experiment';
import { recordVariantPerformance } from '../operations/record-variant-performance';
import { completeArgs, createExperimentArgs, idArgs, recordPerformanceArgs } from './inputs';
import type { MutationResolvers } from './types.generated';

/** Runs `changeExperimentStatus` and refreshes the request's cached experiment. */
async function changeStatus(ctx: ExperimentsContext, id: string, action: StatusAction, winnerVariantId?: string | null): Promise<Experiment> {
  const experiment = await changeExperimentStatus(ctx, { id, action, winnerVariantId });
  ctx.loaders.experimentById.clear(id).prime(id, experiment);
  return experiment;
}

/** `Mutation` resolvers: create an experiment and move it through its lifecycle. */
export const experimentMutations: MutationResolvers = {
  /**
   * Creates a DRAFT experiment and its variants in one transaction.
   *
   * @throws {ValidationError} on invalid input (empty names, malformed persona id, fewer than
   *   2 or more than 20 variants, not exactly one control, duplicate names, dimensions that are
   *   not a JSON object, significanceLevel outside (0, 1), minImpressions below 1, traffic
   *   allocations not summing to 1 or given without FIXED_ALLOCATION); nothing is written then
   */
  async createExperiment(_, args, ctx) {
    const { input } = validateInput(createExperimentArgs, args);
    const experiment = await createExperiment(ctx, {
      name: input.name,
      description: input.description,
      personaId: input.personaId,
      createdBy: ctx.caller.sub,
      algorithm: input.algorithm,
      significanceLevel: input.significanceLevel,
      minImpressions: input.minImpressions,
      earlyStop: input.earlyStop,
      variants: input.variants,
    });
    ctx.loaders.experimentById.prime(experiment.id, experiment);
    return experiment;
  },

  /** DRAFT | PAUSED -> ACTIVE. @throws {NotFoundError} {ConflictError} (see `changeExperimentStatus`) */
  async startExperiment(_, args, ctx) {
    const { id } = validateInput(idArgs, args);
    return changeStatus(ctx, id, 'start');
  },

  /** ACTIVE -> PAUSED. @throws {NotFoundError} {ConflictError} (see `changeExperimentStatus`) */
  async pauseExperiment(_, args, ctx) {
    const { id } = validateInput(idArgs, args);
    return changeStatus(ctx, id, 'pause');
  },

  /**
   * ACTIVE | PAUSED -> COMPLETED with the given winner, else the best significant treatment, else
   * the control. @throws {NotFoundError} {ConflictError} {ValidationError} (see `changeExperimentStatus`)
   */
  async completeExperiment(_, args, ctx) {
    const { id, winnerVariantId } = validateInput(completeArgs, args);
    return changeStatus(ctx, id, 'complete', winnerVariantId ?? null);
  },

  /**
   * Adds impressions and successes to a variant in bulk (imports, back-fills).
   *
   * @throws {ValidationError} malformed id, negative counts, successes above impressions
   * @throws {NotFoundError} {ConflictError} (see `recordVariantPerformance`)
   */
  async recordVariantPerformance(_, args, ctx) {
    const record = validateInput(recordPerformanceArgs, args);
    const variant = await recordVariantPerformance(ctx, record);
    ctx.loaders.variantById.clear(variant.id).prime(variant.id, variant);
    ctx.loaders.variantsByExperimentId.clear(variant.experimentId);
    ctx.loaders.probabilityBestByExperimentId.clear(variant.experimentId);
    return variant;
  },
};
