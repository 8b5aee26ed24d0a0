import { credibleInterval, successRate } from '../domain/beta-posterior';
import { summariseResults } from '../domain/experiment-results';
import { compareWithControl } from '../domain/significance';
import { isUuid } from './inputs';
import type { ExperimentResolvers, PostResolvers, VariantResolvers } from './types.generated';

/** `Experiment` resolvers: reference resolution and relations, all through the request's DataLoaders. */
export const Experiment: ExperimentResolvers = {
  /** Resolves `{ __typename: "Experiment", id }`; N references cost one query. Non-UUID or unknown ids resolve to null. */
  async __resolveReference(reference, ctx) {
    return isUuid(reference.id) ? ctx.loaders.experimentById.load(reference.id) : null;
  },
  variants(experiment, _, ctx) {
    return ctx.loaders.variantsByExperimentId.load(experiment.id);
  },
  /** Totals, the leader (highest probability of being best), and each treatment's z-test against the control. */
  async results(experiment, _, ctx) {
    const [variants, probabilities] = await Promise.all([
      ctx.loaders.variantsByExperimentId.load(experiment.id),
      ctx.loaders.probabilityBestByExperimentId.load(experiment.id),
    ]);
    return {
      ...summariseResults(
        variants,
        variants.map((v) => probabilities.get(v.id) ?? 0),
      ),
      ...compareWithControl(variants, { significanceLevel: experiment.significanceLevel, minImpressions: experiment.minImpressions }),
    };
  },
  winner(experiment, _, ctx) {
    return experiment.winnerVariantId ? ctx.loaders.variantById.load(experiment.winnerVariantId) : null;
  },
};

/** `Variant` resolvers: statistics from the domain, relations through DataLoaders. */
export const Variant: VariantResolvers = {
  /** Resolves `{ __typename: "Variant", id }`; N references cost one query. Non-UUID or unknown ids resolve to null. */
  async __resolveReference(reference, ctx) {
    return isUuid(reference.id) ? ctx.loaders.variantById.load(reference.id) : null;
  },
  successRate(variant) {
    return successRate(variant);
  },
  /** 95% equal-tailed interval under a uniform Beta(1, 1) prior. */
  credibleInterval(variant) {
    return credibleInterval(variant, 0.95);
  },
  async probabilityBest(variant, _, ctx) {
    const probabilities = await ctx.loaders.probabilityBestByExperimentId.load(variant.experimentId);
    return probabilities.get(variant.id) ?? 0;
  },
  /** @throws {Error} when the experiment row is missing (cannot happen: foreign key) */
  async experiment(variant, _, ctx) {
    const experiment = await ctx.loaders.experimentById.load(variant.experimentId);
    if (!experiment) throw new Error(`experiment ${variant.experimentId} of variant ${variant.id} is missing`);
    return experiment;
  },
};

/** `Post` resolvers: the post entity is owned by content; this subgraph adds `variant`. */
export const Post: PostResolvers = {
  /** Returns the key only; `variant` is resolved per post through a DataLoader. */
  __resolveReference(reference) {
    return { id: reference.id };
  },
  /** Variant assigned to the post; N posts cost one select on `variant_assignments`. Null for a non-UUID id. */
  variant(post, _, ctx) {
    return isUuid(post.id) ? ctx.loaders.variantByPostId.load(post.id) : null;
  },
};
