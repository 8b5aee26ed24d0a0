import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { PermanentError } from '../../../../lib/nats';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase, GenerationJobRow, PersonaRow, PostRow } from '../db/database';
import { findJob, updateJobIfStatus } from '../db/repositories/jobs';
import { findPersonasByIds } from '../db/repositories/personas';
import { findPostsByIds } from '../db/repositories/posts';
import { DUPLICATE_CONTENT, DuplicateContentError, GENERATION_FAILED, varyBrief } from '../domain/dedup';
import type { DedupPolicy } from '../domain/dedup';
import type { BlockReason } from '../domain/guardrail';
import { postCostUsd } from '../domain/pricing';
import { POST_PART_SEPARATOR, postText } from '../domain/post-text';
import { formatPost, hookWrap, pickReplyMagnet, replyMagnetSuffix, withPreferredHookStyle } from '../domain/persona-voice';
import type { VoiceFormat } from '../domain/persona-voice';
import { parseDimensions } from '../domain/prompt';
import { contentQuality } from '../domain/quality-score';
import type { GenerationBrief } from '../domain/prompt';
import { NO_REWRITES, rejectText, rewriteLimits } from '../domain/rewrite-budget';
import type { RewriteReason } from '../domain/rewrite-budget';
import { similarityScore } from '../domain/similarity';
import { publishJobRegenerating } from '../messaging/job-events';
import { requestVariant } from '../messaging/variant-client';
import type { ContentWorkerMetrics } from '../metrics';
import type { Embedder } from '../providers/embedder';
import type { Moderator } from '../providers/moderator';
import type { Completion, TextProvider } from '../providers/text-provider';
import type { VectorIndex } from '../providers/vector-index';
import { changeJobStatus } from './change-job-status';
import { blockGenerationJob } from './guard-job';
import { guardText } from './guard-text';
import { JobDraft } from './job-draft';
import { queuePublication } from './publish-post';
import { storeUnlessDuplicate } from './store-unless-duplicate';

/** What the generation handler needs. */
export interface GenerationDeps {
  db: Kysely<ContentDatabase>;
  nc: NatsConnection;
  js: JetStreamClient;
  /** The subgraph's transactional outbox: status events and `post.created` are written with the changes. */
  outbox: Outbox<ContentDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  provider: TextProvider;
  embedder: Embedder;
  vectorIndex: VectorIndex;
  /** `DEDUP_THRESHOLD` and `DEDUP_MAX_ATTEMPTS`. */
  dedup: DedupPolicy;
  /** OpenAI's moderation (with `OPENAI_API_KEY`); null: the offline guardrail checks only. */
  moderator: Moderator | null;
  /** `QUALITY_MIN`: content quality score (0..1) a text needs to be stored. */
  qualityMin: number;
  metrics: ContentWorkerMetrics;
  logger: Logger;
  variantTimeoutMs: number;
}

/**
 * Runs one delivery of a generation job, idempotently by job id: a finished job's events are
 * already in the outbox (a COMPLETED one only has its publication queued if that is missing), a
 * job makes at most one post (its pre-allocated
 * `post_id`), and a cancelled job makes none.
 *
 * Steps: PROCESSING (attempts = attempts before the last retry + delivery count) -> guardrail on the topic -> variant from
 * experiments (else a hook style the persona prefers) -> hook and body streamed as token deltas,
 * formatted in the persona's voice (emoji, reply magnet) -> guardrail on the text -> quality gate
 * -> embedding of the text -> one transaction, under the persona's
 * dedup lock, storing post (with the job's achievement, if any; a DRAFT, or PUBLISHING when the
 * persona auto-publishes), embedding, COMPLETED, and the status event and `post.created` in the
 * outbox -> the publication queued (auto-publish) -> the vector copied to an external index
 * (Qdrant). Every status change writes its status event in its own transaction
 * (`changeJobStatus`).
 *
 * Dedup: a text at least `dedup.threshold` similar to an earlier post of the persona is not
 * stored but rewritten from a varied brief (`varyBrief`), announced by a `job.regenerating`
 * progress event (the streamed text restarts); after `dedup.maxAttempts` duplicate texts the job
 * ends FAILED with `DUPLICATE_CONTENT` and the id of the post it duplicates, without a retry (the
 * message is acknowledged: the same brief would write the same texts again). The post's tokens
 * and cost include its discarded texts.
 *
 * Guardrail (`guard-text.ts`): a topic or text caught by the seed's blocklist, the violence
 * lexicon, the profanity filter or OpenAI's moderation ends the job BLOCKED with the reasons,
 * nothing stored. Quality gate: a text whose {@link contentQuality} is below `qualityMin` is
 * rewritten once from a brief varied for quality (announced like a duplicate's rewrite, with
 * `duplicateOf` null), then the job ends BLOCKED with a `quality` reason. Each reason has its own
 * budget (`rewrite-budget.ts`): a quality rewrite spends no dedup attempt. The stored post keeps
 * its score (`quality_score`).
 *
 * @throws {PermanentError} when the job or its persona does not exist
 * @throws the provider's, the embedder's or the database's error, for a retry with backoff
 */
export async function generatePostJob(deps: GenerationDeps, jobId: string, delivery: number): Promise<void> {
  const job = await findJob(deps.db, jobId);
  if (!job) throw new PermanentError(`GenerationJob ${jobId} does not exist`);
  if (job.status === 'COMPLETED') {
    await queueAutoPublication(deps, job);
    return;
  }
  if (job.status === 'FAILED' || job.status === 'CANCELLED' || job.status === 'BLOCKED') return;
  if (delivery > 1) deps.metrics.redeliveries.inc();
  const attemptStarted = Date.now();
  const ended = (outcome: 'completed' | 'cancelled') => {
    deps.metrics.jobs.inc({ outcome });
    deps.metrics.jobDuration.observe({ outcome }, (Date.now() - attemptStarted) / 1000);
  };

  const started = await changeJobStatus(deps, jobId, ['QUEUED', 'PROCESSING'], {
    status: 'PROCESSING',
    stage: 'ASSIGNING_VARIANT',
    attempts: job.attempt_base + delivery,
    started_at: job.started_at ?? new Date(),
    error: null,
    regenerations: 0,
  });
  if (!started) return;
  if (!job.started_at) deps.metrics.queued.observe((started.started_at!.getTime() - job.created_at.getTime()) / 1000);

  const topicBlocked = await guardText(deps, job.topic, 'topic');
  if (topicBlocked.length > 0) return blockGenerationJob(deps, jobId, topicBlocked, attemptStarted);

  const [persona] = await findPersonasByIds(deps.db, [job.persona_id]);
  if (!persona) throw new PermanentError(`Persona ${job.persona_id} of job ${jobId} does not exist`);
  const variant = await requestVariant(
    deps.nc,
    deps.subjects.assignVariant,
    { jobId, postId: job.post_id, personaId: job.persona_id, experimentId: job.experiment_id },
    deps.variantTimeoutMs,
    deps.logger,
  );
  const variantId = variant?.id ?? null;
  const brief: GenerationBrief = { persona, topic: job.topic, dimensions: parseDimensions(variant?.dimensions) };

  const spent: Completion[] = [];
  const limits = rewriteLimits(deps.dedup.maxAttempts, QUALITY_MAX_REWRITES);
  let rejected = NO_REWRITES;
  let reason: RewriteReason = 'duplicate';
  for (let attempt = 1; ; attempt++) {
    const varied = varyBrief(brief, attempt, reason);
    const dimensions = withPreferredHookStyle(brief.dimensions, persona.preferred_hook_styles, job.topic, varied.variation);
    const written = await writeText(deps, job, persona, { ...varied, dimensions }, variantId);
    if (!written) return ended('cancelled');
    const [hook, body] = written;
    spent.push(hook, body);
    if (!(await moveToStage(deps, jobId, 'STORING', variantId))) return ended('cancelled');

    const text = postText(hook.text, body.text);
    const textBlocked = await guardText(deps, text, 'text');
    if (textBlocked.length > 0) return blockGenerationJob(deps, jobId, textBlocked, attemptStarted);
    const qualityScore = contentQuality(hook.text, body.text);
    if (qualityScore < deps.qualityMin) {
      const next = rejectText(rejected, 'quality', limits);
      if (!next.rewrite) return blockGenerationJob(deps, jobId, [lowQuality(qualityScore, deps.qualityMin)], attemptStarted);
      [rejected, reason] = [next.counts, 'quality'];
      if (!(await startRewrite(deps, job, attempt, { duplicateOf: null, score: qualityScore }))) return ended('cancelled');
      continue;
    }
    const [vector] = await deps.embedder.embed([text]);
    const tokensUsed = spent.reduce((sum, c) => sum + c.promptTokens + c.completionTokens, 0);
    const costUsd = postCostUsd(spent);
    const outcome = await storeUnlessDuplicate(
      { outbox: deps.outbox, subjects: deps.subjects, embedder: deps.embedder, vectorIndex: deps.vectorIndex, threshold: deps.dedup.threshold },
      jobId,
      {
        post: {
          id: job.post_id,
          persona_id: job.persona_id,
          job_id: job.id,
          hook: hook.text,
          body: body.text,
          original_input: job.topic,
          tokens_used: tokensUsed,
          cost_usd: costUsd,
          model: body.model,
          variant_id: variantId,
          achievement_id: job.achievement_id,
          quality_score: qualityScore,
          ...(persona.auto_publish ? { status: 'PUBLISHING', publish_requested_at: new Date() } : {}),
        },
        text,
        vector: vector ?? [],
      },
    );
    if (outcome.kind === 'cancelled') return ended('cancelled');
    if (outcome.kind === 'stored') {
      ended('completed');
      deps.metrics.tokens.inc({ persona: persona.name, model: body.model }, tokensUsed);
      deps.metrics.costUsd.inc({ persona: persona.name, model: body.model }, costUsd);
      if (needsPublication(outcome.post)) await queuePublication(deps, outcome.post);
      await copyToExternalIndex(deps, outcome.post, vector ?? []);
      return;
    }

    const score = similarityScore(outcome.of.score);
    const next = rejectText(rejected, 'duplicate', limits);
    if (!next.rewrite) {
      deps.metrics.jobDuration.observe({ outcome: 'duplicate' }, (Date.now() - attemptStarted) / 1000);
      return failGenerationJob(deps, jobId, new DuplicateContentError(outcome.of.postId, score, next.counts.duplicate));
    }
    [rejected, reason] = [next.counts, 'duplicate'];
    if (!(await startRewrite(deps, job, attempt, { duplicateOf: outcome.of.postId, score }))) return ended('cancelled');
  }
}

/** Rewrites after a text below the quality gate, before the job ends BLOCKED (the seed had none: 1). */
const QUALITY_MAX_REWRITES = 1;

function lowQuality(score: number, min: number): BlockReason {
  return { check: 'quality', category: 'low_quality', detail: `content quality score ${score.toFixed(3)} below QUALITY_MIN ${min}` };
}

/**
 * Restarts the job's text after rewrite `regeneration` (1-based): the text so far is dropped and
 * `job.regenerating` announced, with the post the discarded text duplicated (null: below the
 * quality gate) and its similarity (or quality score); false when the job was cancelled.
 */
async function startRewrite(deps: GenerationDeps, job: GenerationJobRow, regeneration: number, cause: { duplicateOf: string | null; score: number }): Promise<boolean> {
  const restarted = await updateJobIfStatus(deps.db, job.id, ['PROCESSING'], { stage: 'WRITING_HOOK', text: null, regenerations: regeneration });
  if (!restarted) return false;
  deps.metrics.regenerations.inc();
  deps.logger.info({ jobId: job.id, ...cause, regeneration }, cause.duplicateOf ? 'text duplicated an earlier post; rewriting' : 'text below the quality gate; rewriting');
  publishJobRegenerating(deps.nc, deps.subjects, { jobId: job.id, personaId: job.persona_id, regeneration, ...cause });
  return true;
}

/**
 * Writes the hook, then the body, streaming both through a fresh {@link JobDraft} (so the text of
 * a rewrite starts empty), in the persona's voice (`domain/persona-voice.ts`: the hook wrapped
 * with its emoji, the body followed by a reply magnet picked by topic; the streamed text is the
 * formatted one); null when the job was cancelled meanwhile.
 */
async function writeText(deps: GenerationDeps, job: GenerationJobRow, persona: PersonaRow, brief: GenerationBrief, variantId: string | null): Promise<[Completion, Completion] | null> {
  const draft = new JobDraft(deps, { id: job.id, personaId: job.persona_id });
  try {
    const voice = voiceOf(persona);
    const wrap = hookWrap(voice);
    const magnet = replyMagnetSuffix(pickReplyMagnet(voice.replyMagnets, job.topic));
    if (!(await moveToStage(deps, job.id, 'WRITING_HOOK', variantId))) return null;
    draft.append('hook', wrap.prefix);
    const hook = await complete(deps, { brief, part: 'hook', model: persona.hook_model, onDelta: (delta) => draft.append('hook', delta) });
    draft.append('hook', wrap.suffix);
    if (!(await moveToStage(deps, job.id, 'WRITING_BODY', variantId))) return null;
    draft.append('body', POST_PART_SEPARATOR);
    const body = await complete(deps, { brief, part: 'body', hook: hook.text, model: persona.body_model, onDelta: (delta) => draft.append('body', delta) });
    draft.append('body', magnet);
    const formatted = formatPost({ hook: hook.text, body: body.text }, voice, job.topic);
    return [
      { ...hook, text: formatted.hook },
      { ...body, text: formatted.body },
    ];
  } finally {
    await draft.close();
  }
}

function voiceOf(persona: PersonaRow): VoiceFormat {
  return { emoji: persona.emoji, hookEmoji: persona.hook_emoji, replyMagnets: persona.reply_magnets, preferredHookStyles: persona.preferred_hook_styles };
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

/**
 * Copies a stored post's vector to an external index (Qdrant), after the commit. A failure is
 * logged and counted, not thrown: the post is stored and found meanwhile (searches compare
 * vectors not yet indexed exactly), and the worker's index sweeper retries the copy.
 */
async function copyToExternalIndex(deps: GenerationDeps, post: PostRow, vector: number[]): Promise<void> {
  if (!deps.vectorIndex.external) return;
  try {
    await deps.vectorIndex.upsert(deps.db, [{ postId: post.id, personaId: post.persona_id, model: deps.embedder.model, createdAt: post.created_at, vector }]);
  } catch (err) {
    deps.metrics.vectorIndexErrors.inc({ index: deps.vectorIndex.name });
    deps.logger.warn({ err, postId: post.id, index: deps.vectorIndex.name }, 'could not copy the post vector to the index; the index sweeper will retry');
  }
}

/** Whether a stored post is PUBLISHING (its persona auto-publishes) with its publication not queued yet. */
function needsPublication(post: PostRow): boolean {
  return post.status === 'PUBLISHING' && !post.publish_queued_at;
}

/**
 * A redelivered COMPLETED job (its events are in the outbox already): queues the publication of
 * its post if that is still missing (the worker stopped between the commit and the queueing).
 */
async function queueAutoPublication(deps: GenerationDeps, job: GenerationJobRow): Promise<void> {
  const [post] = await findPostsByIds(deps.db, [job.post_id]);
  if (post && needsPublication(post)) await queuePublication(deps, post);
}

/**
 * Records why a job ended FAILED (unless it already finished) with its status event (outbox):
 * a {@link DuplicateContentError} as `DUPLICATE_CONTENT` with the post it duplicates, anything
 * else (the last delivery's error) as `GENERATION_FAILED`.
 */
export async function failGenerationJob(deps: Pick<GenerationDeps, 'outbox' | 'subjects' | 'metrics'>, jobId: string, error: Error): Promise<void> {
  const duplicate = error instanceof DuplicateContentError ? error : null;
  const failed = await changeJobStatus(deps, jobId, ['QUEUED', 'PROCESSING'], {
    status: 'FAILED',
    error: error.message.slice(0, 2000),
    error_code: duplicate ? DUPLICATE_CONTENT : GENERATION_FAILED,
    duplicate_of_post_id: duplicate?.duplicateOf ?? null,
    completed_at: new Date(),
  });
  if (!failed) return;
  deps.metrics.jobs.inc({ outcome: duplicate ? 'duplicate' : 'failed' });
}
