import type { ExperimentStatus } from '../../domain/experiment-status';
import { EXPERIMENTS_SCHEMA } from '../database';
import type { AssignmentRow, VariantRow } from '../database';
import type { ExperimentsDb } from './experiments';

/** A variant with the post it was assigned to. */
export type AssignedVariantRow = VariantRow & { post_id: string };

/** Values of a new assignment. */
export interface NewAssignment {
  jobId: string;
  postId: string;
  variantId: string;
  experimentId: string;
  personaId: string;
}

/** The variant assigned to a job, if any (one query joining the variant). */
export async function findAssignedVariantByJobId(db: ExperimentsDb, jobId: string): Promise<AssignedVariantRow | undefined> {
  return selectAssignedVariants(db).where('a.job_id', '=', jobId).executeTakeFirst();
}

/** Variants assigned to several posts: one select on `variant_assignments` joined with `variants`. */
export async function findAssignedVariantsByPostIds(db: ExperimentsDb, postIds: readonly string[]): Promise<AssignedVariantRow[]> {
  if (postIds.length === 0) return [];
  return selectAssignedVariants(db).where('a.post_id', 'in', postIds).execute();
}

/** Assignments joined with their variant: the variant's columns plus the assignment's `post_id`. */
function selectAssignedVariants(db: ExperimentsDb) {
  return db
    .withSchema(EXPERIMENTS_SCHEMA)
    .selectFrom('variant_assignments as a')
    .innerJoin('variants as v', 'v.id', 'a.variant_id')
    .selectAll('v')
    .select('a.post_id');
}

/**
 * Inserts an assignment unless one exists for the job or the post (`on conflict do nothing`).
 *
 * @returns true when this call inserted the row
 */
export async function insertAssignment(db: ExperimentsDb, assignment: NewAssignment): Promise<boolean> {
  const inserted = await db
    .withSchema(EXPERIMENTS_SCHEMA)
    .insertInto('variant_assignments')
    .values({
      job_id: assignment.jobId,
      post_id: assignment.postId,
      variant_id: assignment.variantId,
      experiment_id: assignment.experimentId,
      persona_id: assignment.personaId,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('job_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The assignment of a post, if any (no lock). */
export async function findAssignmentByPostId(db: ExperimentsDb, postId: string): Promise<AssignmentRow | undefined> {
  return db.withSchema(EXPERIMENTS_SCHEMA).selectFrom('variant_assignments').selectAll().where('post_id', '=', postId).executeTakeFirst();
}

/**
 * The assignment of a post with its row locked (`for update`), its experiment's status and
 * early-stop setting; the experiment row is locked `for share`, so a concurrent status change
 * (`for update`) is waited for and its new status read.
 */
export async function lockAssignmentByPostId(
  trx: ExperimentsDb,
  postId: string,
): Promise<(AssignmentRow & { experiment_status: ExperimentStatus; experiment_early_stop: boolean }) | undefined> {
  return trx
    .withSchema(EXPERIMENTS_SCHEMA)
    .selectFrom('variant_assignments as a')
    .innerJoin('experiments as e', 'e.id', 'a.experiment_id')
    .selectAll('a')
    .select(['e.status as experiment_status', 'e.early_stop as experiment_early_stop'])
    .where('a.post_id', '=', postId)
    .forUpdate('a')
    .forShare('e')
    .executeTakeFirst();
}

/** Stores the engagement totals of a post already added to its variant. */
export async function updateRecordedOutcome(db: ExperimentsDb, jobId: string, impressions: number, successes: number): Promise<void> {
  await db
    .withSchema(EXPERIMENTS_SCHEMA)
    .updateTable('variant_assignments')
    .set({ recorded_impressions: impressions, recorded_successes: successes })
    .where('job_id', '=', jobId)
    .execute();
}
