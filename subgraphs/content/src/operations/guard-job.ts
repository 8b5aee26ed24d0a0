import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase } from '../db/database';
import { describeBlock, offlineGuardReasons } from '../domain/guardrail';
import type { BlockReason, GuardedPart } from '../domain/guardrail';
import type { ContentWorkerMetrics } from '../metrics';
import type { Moderator } from '../providers/moderator';
import { changeJobStatus } from './change-job-status';

/** What the guardrail needs. */
export interface GuardDeps {
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ContentDatabase>;
  subjects: Subjects;
  /** OpenAI's moderation (with `OPENAI_API_KEY`); null: the offline checks only. */
  moderator: Moderator | null;
  metrics: ContentWorkerMetrics;
  logger: Logger;
}

/**
 * Runs the guardrail on a topic or a written text: the seed's blocklist and the profanity filter
 * (offline, always), then the moderator when one is configured and the offline checks passed
 * (the seed's order, seed-reference §2.6). Returns the reasons to block; none when it passes.
 *
 * @throws the moderator's error (the job is retried with backoff)
 */
export async function guardText(deps: Pick<GuardDeps, 'moderator'>, text: string, part: GuardedPart): Promise<BlockReason[]> {
  const offline = offlineGuardReasons(text, part);
  if (offline.length > 0 || !deps.moderator) return offline;
  return deps.moderator.check(text, part);
}

/**
 * Ends a PROCESSING job BLOCKED with its reasons (the streamed text is dropped, no post is
 * stored), counts it (`content_generation_jobs_total{outcome="blocked"}`) and publishes the
 * status event (outbox), which ends `generationJobUpdated`. Nothing happens when the job left PROCESSING
 * (cancelled meanwhile).
 */
export async function blockGenerationJob(deps: GuardDeps, jobId: string, reasons: BlockReason[], attemptStarted: number): Promise<void> {
  const blocked = await changeJobStatus(deps, jobId, ['PROCESSING'], {
    status: 'BLOCKED',
    block_reasons: JSON.stringify(reasons),
    error: describeBlock(reasons).slice(0, 2000),
    text: null,
    completed_at: new Date(),
  });
  if (!blocked) return;
  deps.metrics.jobs.inc({ outcome: 'blocked' });
  deps.metrics.jobDuration.observe({ outcome: 'blocked' }, (Date.now() - attemptStarted) / 1000);
  deps.logger.info({ jobId, reasons }, 'generation job blocked');
}
