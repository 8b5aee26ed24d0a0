import { parseListLimit, validateInput } from '../../../../lib/graphql';
import type { ExperimentsContext } from '../context';
import { listExperiments } from '../db/repositories/experiments';
import { toExperiment } from '../model';
import type { Experiment } from '../model';
import { idArgs, listArgs } from './inputs';

/** `Query` resolvers. */
export const queryResolvers = {
  /**
   * Experiments, newest first, filtered by status and persona when given; at most `first` (0..100).
   *
   * @throws {ValidationError} when `personaId` is not a UUID or `first` is outside 0..100
   */
  async experiments(_: unknown, args: { status?: unknown; personaId?: unknown; first?: number | null }, ctx: ExperimentsContext): Promise<Experiment[]> {
    const { status, personaId } = validateInput(listArgs, { status: args.status, personaId: args.personaId });
    const rows = await listExperiments(ctx.db, { status: status ?? undefined, personaId: personaId ?? undefined }, parseListLimit(args.first));
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
