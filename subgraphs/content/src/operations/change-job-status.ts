import type { Updateable } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase, GenerationJobRow, GenerationJobsTable } from '../db/database';
import { updateJobIfStatus } from '../db/repositories/jobs';
import { jobStatusEvent } from '../messaging/job-events';

/** What {@link changeJobStatus} needs: the outbox and this deployment's subjects. */
export interface JobStatusDeps {
  outbox: Outbox<ContentDatabase>;
  subjects: Subjects;
}

/**
 * Changes a job whose status is one of `fromStatuses` (compare-and-set, `updateJobIfStatus`) and
 * writes its status event (`jobStatusEvent`) to the outbox in the same transaction, so that the
 * event exists exactly when the change does; the outbox publishes it after the commit.
 *
 * @returns the updated job, or null when the job is missing or in another status (nothing written)
 * @throws Postgres's error (nothing written)
 */
export async function changeJobStatus(
  deps: JobStatusDeps,
  jobId: string,
  fromStatuses: GenerationJobRow['status'][],
  changes: Updateable<GenerationJobsTable>,
): Promise<GenerationJobRow | null> {
  return deps.outbox.transaction(async (trx, emit) => {
    const row = await updateJobIfStatus(trx, jobId, fromStatuses, changes);
    if (row) emit(jobStatusEvent(deps.subjects, row));
    return row;
  });
}
