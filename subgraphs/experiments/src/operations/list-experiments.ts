import { toExperiment } from '../db/model';
import type { Experiment } from '../db/model';
import { listExperiments as selectExperiments } from '../db/repositories/experiments';
import type { ExperimentFilter, ExperimentsDb } from '../db/repositories/experiments';

/**
 * Experiments matching `filter` (absent fields do not filter), newest first (then by id,
 * descending), at most `limit`.
 *
 * @param limit most experiments returned, 0..100 (validated by the caller)
 */
export async function listExperiments(db: ExperimentsDb, filter: ExperimentFilter, limit: number): Promise<Experiment[]> {
  return (await selectExperiments(db, filter, limit)).map(toExperiment);
}
