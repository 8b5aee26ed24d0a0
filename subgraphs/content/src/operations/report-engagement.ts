import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import { startPeriodicTask } from '../../../../lib/server';
import type { ContentDatabase, PostRow } from '../db/database';
import { findPersonasByIds } from '../db/repositories/personas';
import { claimDueReports, scheduleNextReport } from '../db/repositories/publications';
import { postText } from '../domain/post-text';
import type { ContentWorkerMetrics } from '../metrics';
import { PublishError } from '../providers/publisher';
import type { Publisher } from '../providers/publisher';
import { recordEngagement } from './record-engagement';

/** Options of {@link startEngagementReporter}; times in milliseconds. */
export interface EngagementReporterOptions {
  db: Kysely<ContentDatabase>;
  /** The subgraph's transactional outbox (`post.engagement`). */
  outbox: Outbox<ContentDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  publisher: Publisher;
  logger: Pick<Logger, 'warn'>;
  metrics: Pick<ContentWorkerMetrics, 'engagementReports'>;
  intervalMs: number;
}

/** Posts claimed per pass, and how long a claim holds (ms) before another worker may take the post. */
const BATCH = 50;
const LEASE_MS = 60_000;
/** How long after a post's report window has ended (ms) a report failing with a retryable error is still retried: one day. */
const RETRY_GRACE_MS = 24 * 3_600_000;

/** Whether the post's report window ended more than {@link RETRY_GRACE_MS} ago (no report would have been due even then). */
function pastRetryGrace(publisher: Publisher, publishedAt: Date, now: Date): boolean {
  return publisher.nextReportAt(publishedAt, new Date(now.getTime() - RETRY_GRACE_MS)) === null;
}

async function reportOne(options: EngagementReporterOptions, post: PostRow, personaName: string): Promise<void> {
  const now = new Date();
  const publishedAt = post.published_at!;
  try {
    const totals = await options.publisher.engagement({ id: post.id, personaName, text: postText(post.hook, post.body), externalId: post.external_id!, publishedAt }, now);
    await recordEngagement(options, post.id, totals);
    await scheduleNextReport(options.db, post.id, options.publisher.nextReportAt(publishedAt, now));
    options.metrics.engagementReports.inc({ publisher: options.publisher.name, outcome: 'recorded' });
  } catch (err) {
    if ((err instanceof PublishError && !err.retryable) || pastRetryGrace(options.publisher, publishedAt, now)) return skipReport(options, post.id, publishedAt, now, err);
    // The claim's lease runs out and the post is claimed again: the report is retried.
    options.metrics.engagementReports.inc({ publisher: options.publisher.name, outcome: 'failed' });
    options.logger.warn({ err, postId: post.id, publisher: options.publisher.name }, 'engagement report failed; retrying after the lease');
  }
}

/**
 * A report given up for now: one the publisher refused for good (`TOKEN_EXPIRED`,
 * `THREADS_REJECTED`...), which asking again after the lease would fail the same way every
 * minute, or one still failing a day after the post's report window ended. The post's next report
 * is the one the publisher would have made next (`nextReportAt`), and none once its window is
 * over. A database error here leaves the claim to its lease (the report is then retried).
 */
async function skipReport(options: EngagementReporterOptions, postId: string, publishedAt: Date, now: Date, err: unknown): Promise<void> {
  const next = options.publisher.nextReportAt(publishedAt, now);
  options.metrics.engagementReports.inc({ publisher: options.publisher.name, outcome: 'skipped' });
  const code = err instanceof PublishError ? err.code : undefined;
  options.logger.warn({ err, postId, publisher: options.publisher.name, code, nextReportAt: next }, next ? 'engagement report given up; skipped until the next report time' : 'engagement report given up; no more reports are due');
  try {
    await scheduleNextReport(options.db, postId, next);
  } catch (dbErr) {
    options.logger.warn({ err: dbErr, postId }, 'could not schedule the next engagement report; retrying after the lease');
  }
}

/** Reports the engagement of the posts due now; returns how many were claimed. */
async function reportDue(options: EngagementReporterOptions): Promise<number> {
  const posts = await claimDueReports(options.db, options.publisher.name, LEASE_MS, BATCH);
  if (posts.length === 0) return 0;
  const personas = new Map((await findPersonasByIds(options.db, [...new Set(posts.map((p) => p.persona_id))])).map((p) => [p.id, p.name]));
  await Promise.all(posts.map((post) => reportOne(options, post, personas.get(post.persona_id) ?? '')));
  return posts.length;
}

/**
 * Feeds the publisher's engagement back into the platform (issue 9, the closed loop): every
 * `intervalMs`, the PUBLISHED posts of this publisher whose report is due are claimed (see
 * `claimDueReports`), asked about (`Publisher.engagement`) and their totals recorded exactly as
 * `recordEngagement` records them (the post's totals and rate, then `post.engagement` on
 * JetStream, which experiments count for the post's variant). The next report is scheduled by the
 * publisher (`nextReportAt`). A report that failed with a retryable error (rate limit, server
 * error, timeout) or a database error is retried when its claim expires, until a day after the
 * post's report window ended; one the publisher refused for good (a final {@link PublishError},
 * e.g. an expired token) is skipped until the publisher's next report time, so reports always end
 * (`content_engagement_reports_total{outcome}`: `recorded`, `failed`, `skipped`).
 *
 * @returns `runOnce()` for one pass (the posts claimed) and `stop()`
 */
export function startEngagementReporter(options: EngagementReporterOptions): { runOnce(): Promise<number>; stop(): Promise<void> } {
  const task = startPeriodicTask({ name: 'engagement reporter', intervalMs: options.intervalMs, logger: options.logger, pass: () => reportDue(options) });
  return { runOnce: () => task.runOnce(), stop: () => task.stop() };
}
