import { credibleInterval, successRate } from '../domain/beta-posterior';
import type { CredibleInterval } from '../domain/beta-posterior';
import { summariseResults } from '../domain/experiment-results';
import type { ResultsSummary } from '../domain/experiment-results';
import type { ExperimentsContext } from '../context';
import type { Experiment, Variant } from '../model';
import { isUuid } from './inputs';

/** `Experiment` resolvers: reference resolution and relations, all through the request's DataLoaders. */
export const experimentResolvers = {
  /** Resolves `{ __typename: "Experiment", id }`; N references cost one query. Non-UUID or unknown ids resolve to null. */
  async __resolveReference(reference: { id: unknown }, ctx: ExperimentsContext): Promise<Experiment | null> {
    return isUuid(reference.id) ? ctx.loaders.experimentById.load(reference.id) : null;
  },
  variants(experiment: Experiment, _: unknown, ctx: ExperimentsContext): Promise<Variant[]> {
    return ctx.loaders.variantsByExperimentId.load(experiment.id);
  },
  /** Totals and the leader (highest probability of being best). */
  async results(experiment: Experiment, _: unknown, ctx: ExperimentsContext): Promise<ResultsSummary<Variant>> {
    const [variants, probabilities] = await Promise.all([
      ctx.loaders.variantsByExperimentId.load(experiment.id),
      ctx.loaders.probabilityBestByExperimentId.load(experiment.id),
    ]);
    return summariseResults(
      variants,
      variants.map((v) => probabilities.get(v.id) ?? 0),
    );
  },
  winner(experiment: Experiment, _: unknown, ctx: ExperimentsContext): Promise<Variant | null> | null {
    return experiment.winnerVariantId ? ctx.loaders.variantById.load(experiment.winnerVariantId) : null;
  },
};

/** `Variant` resolvers: statistics from the domain, relations through DataLoaders. */
export const variantResolvers = {
  /** Resolves `{ __typename: "Variant", id }`; N references cost one query. Non-UUID or unknown ids resolve to null. */
  async __resolveReference(reference: { id: unknown }, ctx: ExperimentsContext): Promise<Variant | null> {
    return isUuid(reference.id) ? ctx.loaders.variantById.load(reference.id) : null;
  },
  successRate(variant: Variant): number {
    return successRate(variant);
  },
  credibleInterval(variant: Variant): CredibleInterval {
    return credibleInterval(variant, 0.95);
  },
  async probabilityBest(variant: Variant, _: unknown, ctx: ExperimentsContext): Promise<number> {
    const probabilities = await ctx.loaders.probabilityBestByExperimentId.load(variant.experimentId);
    return probabilities.get(variant.id) ?? 0;
  },
  /** @throws {Error} when the experiment row is missing (cannot happen: foreign key) */
  async experiment(variant: Variant, _: unknown, ctx: ExperimentsContext): Promise<Experiment> {
    const experiment = await ctx.loaders.experimentById.load(variant.experimentId);
    if (!experiment) throw new Error(`experiment ${variant.experimentId} of variant ${variant.id} is missing`);
    return experiment;
  },
};

/** `Post` resolvers: the post entity is owned by content; this subgraph adds `variant`. */
export const postResolvers = {
  /** Returns the key only; `variant` is resolved per post through a DataLoader. */
  __resolveReference(reference: { id: string }): { id: string } {
    return { id: reference.id };
  },
  /** Variant assigned to the post; N posts cost one select on `variant_assignments`. Null for a non-UUID id. */
  variant(post: { id: string }, _: unknown, ctx: ExperimentsContext): Promise<Variant | null> | null {
    return isUuid(post.id) ? ctx.loaders.variantByPostId.load(post.id) : null;
  },
};
