import type { JobStatus } from '../gql/graphql';

/** How far along a job is: QUEUED, then PROCESSING, then finished (COMPLETED, FAILED, CANCELLED, BLOCKED). */
const PROGRESS: Readonly<Record<JobStatus, number>> = { QUEUED: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 2, CANCELLED: 2, BLOCKED: 2 };

/** A job in the Studio's list of recent jobs (a query's or an event's `GenerationJob` selection fits). */
export interface RecentJob {
  id: string;
  topic: string;
  status: JobStatus;
  /** ISO date-time the job was queued: the list's order. */
  createdAt: string;
  persona: { id: string; name: string; emoji: string };
}

/**
 * The recent jobs after `incoming` ones are seen (from a query, a mutation or the live feed):
 * each job once (by id, the newest sighting winning, except that a status is never replaced by an
 * earlier one from a late event: PROCESSING by QUEUED, a finished one by a running one), newest
 * first by `createdAt`, at most `limit`.
 *
 * @param limit how many jobs to keep (default 10)
 */
export function mergeRecentJobs<J extends RecentJob>(current: readonly J[], incoming: readonly J[], limit = 10): J[] {
  const byId = new Map(current.map((job) => [job.id, job]));
  for (const job of incoming) {
    const known = byId.get(job.id);
    byId.set(job.id, known && PROGRESS[known.status] > PROGRESS[job.status] ? { ...job, status: known.status } : job);
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id)).slice(0, limit);
}
