import { validateInput } from '../../../../lib/graphql';
import type { ExperimentsContext } from '../context';
import { listExperiments } from '../db/repositories/experiments';
import { toExperiment } from '../model';
import type { Experiment } from '../model';
import { idArgs, listArgs } from './inputs';

/** `Query` resolvers. */
export const queryResolvers = {
  /**
   * Experiments, newest first, filtered by status and persona when given.
   *
   * @throws {ValidationError} when `personaId` is not a UUID
   */
  async experiments(_: unknown, args: { status?: unknown; personaId?: unknown }, ctx: ExperimentsContext): Promise<Experiment[]> {
    const { status, personaId } = validateInput(listArgs, args);
    const rows = await listExperiments(ctx.db, { status: status ?? undefined, personaId: personaId ?? undefined });
    return rows.map((row) => {
      const experiment = toExperiment(row);
      ctx.loaders.experimentById.prime(experiment.id, experiment);
      return experiment;
    });
  },

  /**
   * One experiment; null for an unknown id.
   *
   * @throws {ValidationError} when `id` is not a UUID
   */
  async experiment(_: unknown, args: { id: unknown }, ctx: ExperimentsContext): Promise<Experiment | null> {
    const { id } = validateInput(idArgs, args);
    return ctx.loaders.experimentById.load(id);
  },
};
