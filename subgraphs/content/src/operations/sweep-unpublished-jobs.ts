import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Logger } from '../../../../lib/logger';
import { startPeriodicTask } from '../../../../lib/server';
import type { ContentDatabase } from '../db/database';
import { findUnpublishedJobs, markJobPublished } from '../db/repositories/jobs';
import { findUnqueuedPublications, markPublicationQueued } from '../db/repositories/publications';
import { enqueueGenerationJob } from '../messaging/job-queue';
import { enqueuePublication } from '../messaging/publish-queue';
import type { Subjects } from '../../../../lib/events';

/** Options of {@link startSweeper}; times in milliseconds. */
export interface SweeperOptions {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Logger;
  intervalMs: number;
  /** Jobs (publications) younger than this are left to `generatePost`'s (`publishPost`'s) own publish. */
  minAgeMs: number;
}

/**
 * Publishes the jobs still QUEUED, and the publications of posts still PUBLISHING, whose JOBS
 * message was never accepted; returns how many.
 */
async function republishUnpublishedJobs(options: SweeperOptions): Promise<number> {
  const olderThan = new Date(Date.now() - options.minAgeMs);
  const jobs = await findUnpublishedJobs(options.db, olderThan, 100);
  for (const job of jobs) {
    await enqueueGenerationJob(options.js, options.subjects, job);
    await markJobPublished(options.db, job.id);
  }
  const publications = await findUnqueuedPublications(options.db, olderThan, 100);
  for (const post of publications) {
    await enqueuePublication(options.js, options.subjects, post.id, post.publish_requested_at);
    await markPublicationQueued(options.db, post.id, post.publish_requested_at);
  }
  if (jobs.length + publications.length > 0) options.logger.info({ jobs: jobs.length, publications: publications.length }, 'sweeper republished queued jobs and publications');
  return jobs.length + publications.length;
}

/**
 * Publishes, once per sweep, the jobs still QUEUED (and the publications still PUBLISHING) whose
 * JOBS message was never accepted (NATS was down when they were written). The message id is the job id, so a job published twice
 * within the duplicate window is delivered once; the handler is idempotent beyond it.
 *
 * @returns `sweep()` for one pass (returns the number republished) and `stop()`
 */
export function startSweeper(options: SweeperOptions): { sweep(): Promise<number>; stop(): Promise<void> } {
  const task = startPeriodicTask({ name: 'job sweeper', intervalMs: options.intervalMs, logger: options.logger, pass: () => republishUnpublishedJobs(options) });
  return { sweep: () => task.runOnce(), stop: () => task.stop() };
}
