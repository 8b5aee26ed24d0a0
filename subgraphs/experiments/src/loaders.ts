import DataLoader from 'dataloader';
import { findExperimentsByIds } from './db/repositories/experiments';
import type { ExperimentsDb } from './db/repositories/experiments';
import { findAssignedVariantsByPostIds } from './db/repositories/assignments';
import { findVariantsByExperimentIds, findVariantsByIds } from './db/repositories/variants';
import { toExperiment, toVariant } from './db/model';
import type { ProbabilityBestCache } from './operations/probability-cache';
import type { Experiment, Variant } from './db/model';

/** The DataLoaders of one request. */
export interface ExperimentsLoaders {
  /** Experiment by id (null when absent); one `where id in (...)` query per batch. */
  experimentById: DataLoader<string, Experiment | null>;
  /** Variant by id (null when absent); one query per batch. */
  variantById: DataLoader<string, Variant | null>;
  /** Variants of an experiment (control first); one query per batch of experiments. */
  variantsByExperimentId: DataLoader<string, Variant[]>;
  /** Variant assigned to a post (null when none); one select on `variant_assignments` per batch. */
  variantByPostId: DataLoader<string, Variant | null>;
  /** Probability each variant of an experiment is best, by variant id (seeded Monte Carlo, cached across requests by counts). */
  probabilityBestByExperimentId: DataLoader<string, Map<string, number>>;
}

/**
 * Creates fresh DataLoaders for one request (rows are not cached across requests; the
 * `probabilityBest` estimates come from the server's shared {@link ProbabilityBestCache}).
 */
export function createLoaders(db: ExperimentsDb, probabilities: ProbabilityBestCache): ExperimentsLoaders {
  const variantById = new DataLoader<string, Variant | null>(async (ids) => {
    const byId = new Map((await findVariantsByIds(db, ids)).map((row) => [row.id, toVariant(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const variantsByExperimentId = new DataLoader<string, Variant[]>(async (experimentIds) => {
    const groups = new Map<string, Variant[]>(experimentIds.map((id) => [id, []]));
    for (const row of await findVariantsByExperimentIds(db, experimentIds)) {
      const variant = toVariant(row);
      groups.get(variant.experimentId)?.push(variant);
      variantById.prime(variant.id, variant);
    }
    return experimentIds.map((id) => groups.get(id) ?? []);
  });
  return {
    experimentById: new DataLoader<string, Experiment | null>(async (ids) => {
      const byId = new Map((await findExperimentsByIds(db, ids)).map((row) => [row.id, toExperiment(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    variantById,
    variantsByExperimentId,
    variantByPostId: new DataLoader<string, Variant | null>(async (postIds) => {
      const byPost = new Map<string, Variant>();
      for (const row of await findAssignedVariantsByPostIds(db, postIds)) {
        const variant = toVariant(row);
        byPost.set(row.post_id, variant);
        variantById.prime(variant.id, variant);
      }
      return postIds.map((id) => byPost.get(id) ?? null);
    }),
    probabilityBestByExperimentId: new DataLoader<string, Map<string, number>>(async (experimentIds) => {
      const groups = await variantsByExperimentId.loadMany(experimentIds);
      return groups.map((variants) => {
        if (variants instanceof Error) return variants;
        const estimate = probabilities.estimate(variants);
        return new Map(variants.map((variant, index) => [variant.id, estimate[index] ?? 0]));
      });
    }),
  };
}
