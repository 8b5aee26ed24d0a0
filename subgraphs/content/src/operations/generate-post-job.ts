import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { PermanentError } from '../../../../lib/nats';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { insertEmbeddingOnce } from '../db/repositories/embeddings';
import { findJob, updateJobIfStatus } from '../db/repositories/jobs';
import { findPersonasByIds } from '../db/repositories/personas';
import { findPostsByIds, insertPostOnce } from '../db/repositories/posts';
import { hashingEmbedding } from '../domain/embedding';
import { postCostUsd } from '../domain/pricing';
import { POST_PART_SEPARATOR, postText } from '../domain/post-text';
import { parseDimensions } from '../domain/prompt';
import type { GenerationBrief } from '../domain/prompt';
import { publishJobStatus } from '../messaging/job-events';
import { publishPostCreated } from '../messaging/post-events';
import type { ContentWorkerMetrics } from '../metrics';
import type { Completion, TextProvider } from '../providers/text-provider';
import { JobDraft } from './job-draft';
import { requestVariant } from '../messaging/variant-client';

/** What the generation handler needs. */
export interface GenerationDeps {
  db: Kysely<ContentDatabase>;
  nc: NatsConnection;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  provider: TextProvider;
  metrics: ContentWorkerMetrics;
  logger: Logger;
  variantTimeoutMs: number;
}

/** Thrown inside the storing transaction when the job was cancelled meanwhile (rolls it back). */
class JobCancelledError extends Error {}

/**
 * Runs one delivery of a generation job, idempotently by job id: a finished job only has its
 * events republished (deduplicated by NATS), a job makes at most one post (its pre-allocated
 * `post_id`), and a cancelled job makes none.
 *
 * Steps: PROCESSING (attempts = delivery count) -> variant from experiments -> hook and body
 * streamed as token deltas -> one transaction storing post (with the job's achievement, if
 * any), embedding and COMPLETED ->
 * `post.created` and the status event.
 *
 * @throws {PermanentError} when the job does not exist
 * @throws the provider's or the database's error, for a retry with backoff
 */
export async function generatePostJob(deps: GenerationDeps, jobId: string, delivery: number): Promise<void> {
  const job = await findJob(deps.db, jobId);
  if (!job) throw new PermanentError(`GenerationJob ${jobId} does not exist`);
  if (job.status === 'COMPLETED') return republishCompletion(deps, job);
  if (job.status === 'FAILED' || job.status === 'CANCELLED') return;
  if (delivery > 1) deps.metrics.redeliveries.inc();
  const attemptStarted = Date.now();
  const ended = (outcome: 'completed' | 'cancelled') => {
    deps.metrics.jobs.inc({ outcome });
    deps.metrics.jobDuration.observe({ outcome }, (Date.now() - attemptStarted) / 1000);
  };

  const started = await updateJobIfStatus(deps.db, jobId, ['QUEUED', 'PROCESSING'], {
    status: 'PROCESSING',
    stage: 'ASSIGNING_VARIANT',
    attempts: delivery,
    started_at: job.started_at ?? new Date(),
    error: null,
  });
  if (!started) return;
  if (!job.started_at) deps.metrics.queued.observe((started.started_at!.getTime() - job.created_at.getTime()) / 1000);
  await publishJobStatus(deps.js, deps.subjects, started);

  const [persona] = await findPersonasByIds(deps.db, [job.persona_id]);
  if (!persona) throw new PermanentError(`Persona ${job.persona_id} of job ${jobId} does not exist`);
  const variant = await requestVariant(
    deps.nc,
    deps.subjects.assignVariant,
    { jobId, postId: job.post_id, personaId: job.persona_id, experimentId: job.experiment_id },
    deps.variantTimeoutMs,
    deps.logger,
  );
  const brief: GenerationBrief = { persona, topic: job.topic, dimensions: parseDimensions(variant?.dimensions) };

  const draft = new JobDraft(deps, { id: jobId, personaId: job.persona_id });
  let hook: Completion;
  let body: Completion;
  try {
    if (!(await moveToStage(deps, jobId, 'WRITING_HOOK', variant?.id ?? null))) return ended('cancelled');
    hook = await complete(deps, { brief, part: 'hook', model: persona.hook_model, onDelta: (delta) => draft.append('hook', delta) });
    if (!(await moveToStage(deps, jobId, 'WRITING_BODY', variant?.id ?? null))) return ended('cancelled');
    draft.append('body', POST_PART_SEPARATOR);
    body = await complete(deps, { brief, part: 'body', hook: hook.text, model: persona.body_model, onDelta: (delta) => draft.append('body', delta) });
  } finally {
    await draft.close();
  }
  if (!(await moveToStage(deps, jobId, 'STORING', variant?.id ?? null))) return ended('cancelled');

  const tokensUsed = hook.promptTokens + hook.completionTokens + body.promptTokens + body.completionTokens;
  const costUsd = postCostUsd([hook, body]);
  let completed: GenerationJobRow;
  try {
    completed = await deps.db.transaction().execute(async (trx) => {
      await insertPostOnce(trx, {
        id: job.post_id,
        persona_id: job.persona_id,
        job_id: job.id,
        hook: hook.text,
        body: body.text,
        original_input: job.topic,
        tokens_used: tokensUsed,
        cost_usd: costUsd,
        model: body.model,
        variant_id: variant?.id ?? null,
        achievement_id: job.achievement_id,
      });
      await insertEmbeddingOnce(trx, {
        post_id: job.post_id,
        persona_id: job.persona_id,
        provider: 'hashing',
        embedding: hashingEmbedding(`${hook.text}\n${body.text}`),
      });
      const row = await updateJobIfStatus(trx, jobId, ['PROCESSING'], {
        status: 'COMPLETED',
        stage: 'DONE',
        text: postText(hook.text, body.text),
        completed_at: new Date(),
      });
      if (!row) throw new JobCancelledError();
      return row;
    });
  } catch (err) {
    if (err instanceof JobCancelledError) return ended('cancelled');
    throw err;
  }
  ended('completed');
  deps.metrics.tokens.inc({ persona: persona.name, model: body.model }, tokensUsed);
  deps.metrics.costUsd.inc({ persona: persona.name, model: body.model }, costUsd);
  await republishCompletion(deps, completed);
}

/** Calls the text provider, counting the calls that throw (`content_provider_errors_total`). */
async function complete(deps: GenerationDeps, request: Parameters<TextProvider['complete']>[0]): ReturnType<TextProvider['complete']> {
  try {
    return await deps.provider.complete(request);
  } catch (err) {
    deps.metrics.providerErrors.inc({ provider: deps.provider.name });
    throw err;
  }
}

async function moveToStage(deps: GenerationDeps, jobId: string, stage: GenerationJobRow['stage'], variantId: string | null): Promise<boolean> {
  const row = await updateJobIfStatus(deps.db, jobId, ['PROCESSING'], { stage, variant_id: variantId });
  return row !== null;
}

/** COMPLETED first, then `post.created`, so subscribers see the trajectory event after COMPLETED. */
async function republishCompletion(deps: GenerationDeps, job: GenerationJobRow): Promise<void> {
  await publishJobStatus(deps.js, deps.subjects, job);
  const [post] = await findPostsByIds(deps.db, [job.post_id]);
  if (post) await publishPostCreated(deps.js, deps.subjects, post);
}

/**
 * Records the last delivery's error: the job becomes FAILED (unless it already finished) and a
 * status event is published.
 */
export async function failGenerationJob(deps: Pick<GenerationDeps, 'db' | 'js' | 'subjects' | 'metrics'>, jobId: string, error: Error): Promise<void> {
  const failed = await updateJobIfStatus(deps.db, jobId, ['QUEUED', 'PROCESSING'], {
    status: 'FAILED',
    error: error.message.slice(0, 2000),
    completed_at: new Date(),
  });
  if (!failed) return;
  deps.metrics.jobs.inc({ outcome: 'failed' });
  await publishJobStatus(deps.js, deps.subjects, failed);
}
