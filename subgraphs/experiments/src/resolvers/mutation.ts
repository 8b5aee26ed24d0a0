import { ConflictError, NotFoundError, ValidationError } from '../../../../lib/errors';
import { validateInput } from '../../../../lib/graphql';
import type { ExperimentsContext } from '../context';
import {
  ActiveExperimentExistsError,
  findActiveExperiment,
  insertExperimentWithVariants,
  lockExperiment,
  updateExperimentStatus,
} from '../db/repositories/experiments';
import { findVariantsByIds } from '../db/repositories/variants';
import { checkVariantDefinitions } from '../domain/experiment-definition';
import { allowedFrom, nextStatus } from '../domain/experiment-status';
import type { StatusAction } from '../domain/experiment-status';
import { publishExperimentUpdated, statusChangeEventId } from '../messaging/experiment-events';
import { toExperiment } from '../model';
import type { Experiment } from '../model';
import { completeArgs, createExperimentArgs, idArgs } from './inputs';

const ENTITY = 'Experiment';

/**
 * Applies a status transition in one transaction (row locked), then publishes
 * `experiment.updated`. A publish failure is logged and counted, not thrown: the change is
 * committed (an outbox table would make the event as durable as the row).
 *
 * @throws {NotFoundError} unknown experiment
 * @throws {ConflictError} transition not allowed, or another ACTIVE experiment of the persona
 * @throws {ValidationError} winner that is not one of the experiment's variants
 */
async function transition(ctx: ExperimentsContext, id: string, action: StatusAction, winnerVariantId?: string | null): Promise<Experiment> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockExperiment(trx, id);
    if (!current) throw new NotFoundError(ENTITY, id);
    const status = nextStatus(current.status, action);
    if (!status) {
      throw new ConflictError(`Cannot ${action} an experiment that is ${current.status} (allowed from ${allowedFrom(action).join(', ')})`);
    }
    if (status === 'ACTIVE') {
      const active = await findActiveExperiment(trx, current.persona_id);
      if (active && active.id !== id) {
        throw new ConflictError(`Persona ${current.persona_id} already has an active experiment (${active.id}); pause or complete it first`);
      }
    }
    if (winnerVariantId) {
      const [winner] = await findVariantsByIds(trx, [winnerVariantId]);
      if (!winner || winner.experiment_id !== id) {
        const message = 'must be one of the experiment\'s variants';
        throw new ValidationError(`Invalid input: winnerVariantId: ${message}`, { winnerVariantId: message });
      }
    }
    try {
      return await updateExperimentStatus(trx, id, {
        status,
        markStarted: status === 'ACTIVE',
        markEnded: status === 'COMPLETED',
        ...(status === 'COMPLETED' ? { winnerVariantId: winnerVariantId ?? null } : {}),
      });
    } catch (err) {
      if (err instanceof ActiveExperimentExistsError) {
        throw new ConflictError(`Persona ${current.persona_id} already has an active experiment; pause or complete it first`, { cause: err });
      }
      throw err;
    }
  });
  const experiment = toExperiment(row);
  ctx.loaders.experimentById.clear(id).prime(id, experiment);
  ctx.metrics.statusChanges.inc({ status: experiment.status });
  try {
    await publishExperimentUpdated(ctx.js, ctx.subjects, statusChangeEventId(experiment), experiment);
  } catch (err) {
    ctx.metrics.eventPublishFailures.inc();
    ctx.logger.error({ err, experimentId: id }, 'experiment.updated event not published');
  }
  return experiment;
}

/** `Mutation` resolvers: create an experiment and move it through its lifecycle. */
export const mutationResolvers = {
  /**
   * Creates a DRAFT experiment and its variants in one transaction.
   *
   * @throws {ValidationError} on invalid input (empty names, malformed persona id, fewer than
   *   2 or more than 20 variants, not exactly one control, duplicate names, dimensions that are
   *   not a JSON object); nothing is written then
   */
  async createExperiment(_: unknown, args: { input: unknown }, ctx: ExperimentsContext): Promise<Experiment> {
    const { input } = validateInput(createExperimentArgs, args);
    const problems = checkVariantDefinitions(input.variants);
    if (Object.keys(problems).length > 0) {
      const summary = Object.entries(problems)
        .map(([path, message]) => `${path}: ${message}`)
        .join('; ');
      throw new ValidationError(`Invalid input: ${summary}`, problems);
    }
    const { experiment: row } = await insertExperimentWithVariants(ctx.db, {
      name: input.name,
      description: input.description,
      personaId: input.personaId,
      createdBy: ctx.caller.sub,
      variants: input.variants.map((v) => ({ name: v.name, isControl: v.isControl, dimensions: v.dimensions as Record<string, unknown> })),
    });
    ctx.metrics.created.inc();
    const experiment = toExperiment(row);
    ctx.loaders.experimentById.prime(experiment.id, experiment);
    return experiment;
  },

  /** DRAFT | PAUSED -> ACTIVE. @throws {NotFoundError} {ConflictError} {ValidationError} (see `transition`) */
  async startExperiment(_: unknown, args: { id: unknown }, ctx: ExperimentsContext): Promise<Experiment> {
    const { id } = validateInput(idArgs, args);
    return transition(ctx, id, 'start');
  },

  /** ACTIVE -> PAUSED. @throws {NotFoundError} {ConflictError} {ValidationError} (see `transition`) */
  async pauseExperiment(_: unknown, args: { id: unknown }, ctx: ExperimentsContext): Promise<Experiment> {
    const { id } = validateInput(idArgs, args);
    return transition(ctx, id, 'pause');
  },

  /** ACTIVE | PAUSED -> COMPLETED with an optional winner. @throws {NotFoundError} {ConflictError} {ValidationError} (see `transition`) */
  async completeExperiment(_: unknown, args: { id: unknown; winnerVariantId?: unknown }, ctx: ExperimentsContext): Promise<Experiment> {
    const { id, winnerVariantId } = validateInput(completeArgs, args);
    return transition(ctx, id, 'complete', winnerVariantId ?? null);
  },
};
