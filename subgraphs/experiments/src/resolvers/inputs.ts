import { z } from 'zod';
import { EXPERIMENT_ALGORITHMS, EXPERIMENT_STATUSES } from '../domain/experiment-status';

/** A UUID (malformed ids are BAD_USER_INPUT). */
export const uuid = z.uuid({ message: 'must be a UUID' });

/** Shape of `VariantInput`; the cross-variant rules are in `checkVariantDefinitions`. */
export const variantInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  isControl: z.boolean(),
  dimensions: z.unknown(),
});

/** Shape of `CreateExperimentInput`. */
export const createExperimentInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().trim().max(2000).nullish().transform((v) => v ?? ''),
  personaId: uuid,
  algorithm: z.enum(EXPERIMENT_ALGORITHMS).nullish().transform((v) => v ?? 'THOMPSON_SAMPLING'),
  variants: z.array(variantInput),
});

/** Arguments of `createExperiment`. */
export const createExperimentArgs = z.object({ input: createExperimentInput });
/** Arguments of `experiment`, `startExperiment`, `pauseExperiment`. */
export const idArgs = z.object({ id: uuid });
/** Arguments of `completeExperiment`. */
export const completeArgs = z.object({ id: uuid, winnerVariantId: uuid.nullish() });
/** Arguments of `experiments`. */
export const listArgs = z.object({ status: z.enum(EXPERIMENT_STATUSES).nullish(), personaId: uuid.nullish() });

/** True when `id` is a UUID (reference resolvers answer null for anything else). */
export function isUuid(id: unknown): id is string {
  return uuid.safeParse(id).success;
}
