import { parseListLimit, validateInput } from '../../../../lib/graphql';
import { listExperiments } from '../operations/list-experiments';
import { idArgs, listArgs } from './inputs';
import type { QueryResolvers } from './types.generated';

/** `Query` resolvers. */
export const experimentQueries: QueryResolvers = {
  /**
   * Experiments, newest first, filtered by status and persona when given; at most `first` (0..100).
   *
   * @throws {ValidationError} when `personaId` is not a UUID or `first` is outside 0..100
   */
  async experiments(_, args, ctx) {
    const { status, personaId } = validateInput(listArgs, { status: args.status, personaId: args.personaId });
    const experiments = await listExperiments(ctx.db, { status: status ?? undefined, personaId: personaId ?? undefined }, parseListLimit(args.first));
    for (const experiment of experiments) ctx.loaders.experimentById.prime(experiment.id, experiment);
    return experiments;
  },

  /**
   * One experiment; null for an unknown id.
   *
   * @throws {ValidationError} when `id` is not a UUID
   */
  async experiment(_, args, ctx) {
    const { id } = validateInput(idArgs, args);
    return ctx.loaders.experimentById.load(id);
  },
};
