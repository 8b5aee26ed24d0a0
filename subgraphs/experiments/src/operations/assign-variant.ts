import type { AssignVariantReply, AssignVariantRequest } from '../../../../lib/events';
import { findAssignedVariantByJobId, insertAssignment } from '../db/repositories/assignments';
import type { AssignedVariantRow } from '../db/repositories/assignments';
import { findActiveExperiment, findExperimentsByIds } from '../db/repositories/experiments';
import type { ExperimentsDb } from '../db/repositories/experiments';
import { findVariantsByExperimentIds } from '../db/repositories/variants';
import { thompsonSelect } from '../domain/thompson-sampling';
import type { BetaSampler } from '../domain/thompson-sampling';
import { allocationPoint, pickByAllocation } from '../domain/traffic-allocation';
import { toVariant } from '../db/model';
import type { Variant } from '../db/model';
import type { ExperimentAlgorithm } from '../domain/experiment-status';

/** How an assign-variant request was answered (label of `experiments_assignments_total`). */
export type AssignmentOutcome = 'assigned' | 'existing' | 'no_experiment';

/** Result of {@link assignVariant}: the reply to send and how it was reached. */
export interface AssignmentResult {
  outcome: AssignmentOutcome;
  reply: AssignVariantReply;
}

/** The post id of the request is already assigned to another job. */
export class PostAlreadyAssignedError extends Error {
  override readonly name = 'PostAlreadyAssignedError';
}

function toReply(row: AssignedVariantRow): AssignVariantReply {
  return { variant: { id: row.id, experimentId: row.experiment_id, name: row.name, dimensions: row.dimensions } };
}

/**
 * Chooses among the ACTIVE variants of an experiment (PAUSED ones get no new posts; the control
 * is never paused, so at least it is left): under THOMPSON_SAMPLING by a posterior draw per
 * variant, under FIXED_ALLOCATION by the stable hash of (experiment, post) into the variants'
 * traffic allocations (a paused variant's share goes to the others in proportion).
 *
 * @returns the chosen variant; undefined when no variant is ACTIVE
 */
export function chooseVariant(
  experiment: { id: string; algorithm: ExperimentAlgorithm },
  variants: readonly Variant[],
  postId: string,
  sample: BetaSampler,
): Variant | undefined {
  const active = variants.filter((v) => v.status === 'ACTIVE');
  if (active.length === 0) return undefined;
  const index =
    experiment.algorithm === 'FIXED_ALLOCATION'
      ? pickByAllocation(allocationPoint(experiment.id, postId), active.map((v) => v.trafficAllocation ?? 0))
      : thompsonSelect(active, sample);
  return active[index];
}

/**
 * Picks the variant a generation job writes with, idempotently by job id:
 * 1. a job that already has an assignment gets the same variant again (a retried job keeps it);
 * 2. otherwise the experiment is `experimentId` when given, else the persona's ACTIVE one; it
 *    must be ACTIVE and belong to the request's persona, or the reply is `{ variant: null }`;
 * 3. a variant is chosen among the ACTIVE ones ({@link chooseVariant}: Thompson sampling over the
 *    current counts, or the fixed split by stable hash) and the assignment is inserted
 *    (`on conflict do nothing`), then read back, so two concurrent deliveries of the same job
 *    agree on one variant.
 *
 * @param sample Beta sampler (random in production, seeded in tests)
 * @throws {PostAlreadyAssignedError} when the post id already belongs to another job's assignment
 */
export async function assignVariant(db: ExperimentsDb, request: AssignVariantRequest, sample: BetaSampler): Promise<AssignmentResult> {
  const existing = await findAssignedVariantByJobId(db, request.jobId);
  if (existing) return { outcome: 'existing', reply: toReply(existing) };

  const experiment = request.experimentId
    ? (await findExperimentsByIds(db, [request.experimentId]))[0]
    : await findActiveExperiment(db, request.personaId);
  if (!experiment || experiment.status !== 'ACTIVE' || experiment.persona_id !== request.personaId) {
    return { outcome: 'no_experiment', reply: { variant: null } };
  }
  const variants = (await findVariantsByExperimentIds(db, [experiment.id])).map(toVariant);
  const chosen = chooseVariant(experiment, variants, request.postId, sample);
  if (!chosen) return { outcome: 'no_experiment', reply: { variant: null } };

  const inserted = await insertAssignment(db, {
    jobId: request.jobId,
    postId: request.postId,
    variantId: chosen.id,
    experimentId: experiment.id,
    personaId: request.personaId,
  });
  const stored = await findAssignedVariantByJobId(db, request.jobId);
  if (!stored) throw new PostAlreadyAssignedError(`post ${request.postId} is already assigned to another job`);
  return { outcome: inserted ? 'assigned' : 'existing', reply: toReply(stored) };
}
