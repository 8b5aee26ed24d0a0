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

async function reportOne(options: EngagementReporterOptions, post: PostRow, personaName: string): Promise<void> {
  const now = new Date();
  const publishedAt = post.published_at!;
  try {
    const totals = await options.publisher.engagement({ id: post.id, personaName, text: postText(post.hook, post.body), externalId: post.external_id!, publishedAt }, now);
    await recordEngagement(options, post.id, totals);
    await scheduleNextReport(options.db, post.id, options.publisher.nextReportAt(publishedAt, now));
    options.metrics.engagementReports.inc({ publisher: options.publisher.name, outcome: 'recorded' });
  } catch (err) {
    // The claim's lease runs out and the post is claimed again: the report is retried.
    options.metrics.engagementReports.inc({ publisher: options.publisher.name, outcome: 'failed' });
    options.logger.warn({ err, postId: post.id, publisher: options.publisher.name }, 'engagement report failed; retrying after the lease');
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
 * publisher (`nextReportAt`); a failed report is retried when its claim expires.
 *
 * @returns `runOnce()` for one pass (the posts claimed) and `stop()`
 */
export function startEngagementReporter(options: EngagementReporterOptions): { runOnce(): Promise<number>; stop(): Promise<void> } {
  const task = startPeriodicTask({ name: 'engagement reporter', intervalMs: options.intervalMs, logger: options.logger, pass: () => reportDue(options) });
  return { runOnce: () => task.runOnce(), stop: () => task.stop() };
}
