import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase } from '../db/database';
import { describeBlock } from '../domain/guardrail';
import type { BlockReason } from '../domain/guardrail';
import type { ContentWorkerMetrics } from '../metrics';
import { changeJobStatus } from './change-job-status';

/** What ending a job BLOCKED needs (the guardrail itself is `guard-text.ts`). */
export interface GuardDeps {
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ContentDatabase>;
  subjects: Subjects;
  metrics: ContentWorkerMetrics;
  logger: Logger;
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
