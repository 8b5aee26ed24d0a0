import { z } from 'zod';
import { EXPERIMENT_ALGORITHMS, EXPERIMENT_STATUSES } from '../domain/experiment-status';
import { DEFAULT_MIN_IMPRESSIONS, DEFAULT_SIGNIFICANCE_LEVEL } from '../domain/significance';

/** A UUID (malformed ids are BAD_USER_INPUT). */
export const uuid = z.uuid({ message: 'must be a UUID' });

/** Shape of `VariantInput`; the cross-variant rules are in `checkVariantDefinitions` and `checkTrafficAllocation`. */
export const variantInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  isControl: z.boolean(),
  dimensions: z.unknown(),
  trafficAllocation: z.number().gt(0, 'must be greater than 0').max(1, 'must be at most 1').nullish(),
});

/** Shape of `CreateExperimentInput`. */
export const createExperimentInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().trim().max(2000).nullish().transform((v) => v ?? ''),
  personaId: uuid,
  algorithm: z.enum(EXPERIMENT_ALGORITHMS).nullish().transform((v) => v ?? 'THOMPSON_SAMPLING'),
  significanceLevel: z
    .number()
    .gt(0, 'must be greater than 0')
    .lt(1, 'must be less than 1')
    .nullish()
    .transform((v) => v ?? DEFAULT_SIGNIFICANCE_LEVEL),
  minImpressions: z.number().int().min(1, 'must be at least 1').nullish().transform((v) => v ?? DEFAULT_MIN_IMPRESSIONS),
  earlyStop: z.boolean().nullish().transform((v) => v ?? false),
  variants: z.array(variantInput),
});

/** Arguments of `createExperiment`. */
export const createExperimentArgs = z.object({ input: createExperimentInput });
/** Arguments of `experiment`, `startExperiment`, `pauseExperiment`. */
export const idArgs = z.object({ id: uuid });
/** Arguments of `completeExperiment`. */
export const completeArgs = z.object({ id: uuid, winnerVariantId: uuid.nullish() });
/** Arguments of `recordVariantPerformance`: counts to add, non-negative, successes at most impressions. */
export const recordPerformanceArgs = z
  .object({
    variantId: uuid,
    impressions: z.number().int().min(0, 'must not be negative'),
    successes: z.number().int().min(0, 'must not be negative'),
  })
  .refine((args) => args.successes <= args.impressions, { message: 'must be at most impressions', path: ['successes'] });
/** Arguments of `experiments`. */
export const listArgs = z.object({ status: z.enum(EXPERIMENT_STATUSES).nullish(), personaId: uuid.nullish() });

/** True when `id` is a UUID (reference resolvers answer null for anything else). */
export function isUuid(id: unknown): id is string {
  return uuid.safeParse(id).success;
}
