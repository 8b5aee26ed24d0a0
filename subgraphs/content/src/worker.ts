import { generateJobData, publishPostData } from '../../../lib/events';
import { ensureDurableConsumer, parseQueuedEvent, startConsumer } from '../../../lib/nats';
import { defineWorker } from '../../../lib/server';
import type { RunningWorker } from '../../../lib/server';
import type { ContentConfig } from './config';
import type { ContentDatabase } from './db/database';
import { createContentWorkerMetrics } from './metrics';
import { selectEmbedder, selectModerator, selectPublisher, selectTextProvider, selectVectorIndex } from './providers/select-provider';
import type { TextProvider } from './providers/text-provider';
import { traceTextProvider } from './providers/traced-text-provider';
import { contentSubgraph } from './config';
import { createAchievementCreatedHandler } from './messaging/achievement-created-consumer';
import { failGenerationJob, generatePostJob } from './operations/generate-post-job';
import { failPublication, publishPostJob } from './operations/publish-post-job';
import { startEngagementReporter } from './operations/report-engagement';
import { startIndexSweeper } from './operations/sweep-unindexed-vectors';
import { startSweeper } from './operations/sweep-unpublished-jobs';

/** What a running content worker offers besides stopping (tests, operations). */
export interface ContentWorkerApi {
  /** Runs one pass of the job sweeper now; returns the jobs republished. */
  sweep(): Promise<number>;
  /** Runs one pass of the index sweeper now; returns the vectors copied (0 without an external index). */
  sweepIndex(): Promise<number>;
  /** Runs one pass of the engagement reporter now; returns the posts reported on. */
  reportEngagement(): Promise<number>;
}

/** A running content worker. */
export type ContentWorker = RunningWorker<ContentWorkerApi>;

/** Options of {@link startContentWorker}. */
export interface ContentWorkerOptions {
  /** Overrides the text provider chosen from config (tests). */
  provider?: TextProvider;
}

/**
 * Settings of the `achievement.created` consumer: its handler only writes a job row and
 * publishes it (milliseconds; deliveries; retry delays by attempt, the last repeats).
 */
const ACHIEVEMENTS_CONSUMER = { concurrency: 4, ackWaitMs: 30_000, maxDeliver: 5, retryDelaysMs: [1000, 5000, 15000] } as const;

const jobIdOf = (data: Uint8Array) => parseQueuedEvent(data, generateJobData).data.jobId;
const postIdOf = (data: Uint8Array) => parseQueuedEvent(data, publishPostData).data.postId;

/**
 * Starts the content worker: the durable pull consumer `CONTENT_CONSUMER_DURABLE` on JOBS
 * (explicit acks, `GENERATION_CONCURRENCY` jobs at once, retries with backoff, FAILED after the
 * last delivery), the sweeper of unpublished jobs, the auto content pipeline (durable
 * `CONTENT_ACHIEVEMENTS_DURABLE` on EVENTS, filtered to `events.achievements.achievement.created`,
 * starting at new messages: a post by `AUTO_CONTENT_PERSONA` about each portfolio-ready
 * achievement), the publisher (durable `CONTENT_PUBLISHER_DURABLE` on JOBS, `jobs.content.publish`:
 * PUBLISHED, or PUBLISH_FAILED after the last delivery or a final error), the engagement reporter
 * (`ENGAGEMENT_POLL_INTERVAL_MS`), and the admin port `CONTENT_WORKER_ADMIN_PORT` (see `defineWorker`).
 */
export const startContentWorker = defineWorker<ContentDatabase, ContentConfig, ContentWorkerOptions, ContentWorkerApi>({
  subgraph: contentSubgraph,
  async start({ runtime, config, options, onStop }) {
    const deps = {
      db: runtime.db,
      nc: runtime.nc,
      js: runtime.js,
      outbox: runtime.outbox,
      subjects: runtime.names.subjects,
      provider: traceTextProvider(options.provider ?? selectTextProvider(config)),
      embedder: selectEmbedder(config),
      vectorIndex: selectVectorIndex(config),
      dedup: { threshold: config.DEDUP_THRESHOLD, maxAttempts: config.DEDUP_MAX_ATTEMPTS },
      moderator: selectModerator(config),
      publisher: selectPublisher(config, runtime.logger.child({ component: 'publisher' })),
      qualityMin: config.QUALITY_MIN,
      metrics: createContentWorkerMetrics(runtime.metrics.registry),
      logger: runtime.logger,
      variantTimeoutMs: config.VARIANT_TIMEOUT_MS,
    };
    await ensureDurableConsumer(runtime.nc, {
      stream: runtime.names.streams.jobs,
      durable: config.CONTENT_CONSUMER_DURABLE,
      filterSubject: runtime.names.subjects.generateJob,
      ackWaitMs: config.GENERATION_ACK_WAIT_MS,
      maxDeliver: config.GENERATION_MAX_DELIVER,
    });
    const consumer = await startConsumer({
      nc: runtime.nc,
      stream: runtime.names.streams.jobs,
      durable: config.CONTENT_CONSUMER_DURABLE,
      deadLetterSubject: runtime.names.subjects.deadLetter(config.CONTENT_CONSUMER_DURABLE),
      advisoriesStream: runtime.names.streams.advisories,
      concurrency: config.GENERATION_CONCURRENCY,
      maxDeliver: config.GENERATION_MAX_DELIVER,
      retryDelaysMs: config.GENERATION_RETRY_DELAYS_MS,
      heartbeatMs: Math.max(1000, Math.floor(config.GENERATION_ACK_WAIT_MS / 3)),
      logger: runtime.logger,
      handle: async (msg) => {
        try {
          await generatePostJob(deps, jobIdOf(msg.data), msg.info.deliveryCount);
        } catch (err) {
          deps.metrics.attemptFailures.inc();
          throw err;
        }
      },
      onGiveUp: async (msg, error) => {
        let jobId: string;
        try {
          jobId = jobIdOf(msg.data);
        } catch {
          return;
        }
        await failGenerationJob(deps, jobId, error);
      },
    });
    onStop('stop consumer', () => consumer.stop());
    const sweeper = startSweeper({
      db: runtime.db,
      js: runtime.js,
      subjects: runtime.names.subjects,
      logger: runtime.logger,
      intervalMs: config.SWEEP_INTERVAL_MS,
      minAgeMs: config.SWEEP_MIN_AGE_MS,
    });
    onStop('stop sweeper', () => sweeper.stop());
    const indexSweeper = deps.vectorIndex.external
      ? startIndexSweeper({ db: runtime.db, vectorIndex: deps.vectorIndex, logger: runtime.logger, intervalMs: config.SWEEP_INTERVAL_MS, minAgeMs: config.SWEEP_MIN_AGE_MS })
      : null;
    if (indexSweeper) onStop('stop index sweeper', () => indexSweeper.stop());
    await ensureDurableConsumer(runtime.nc, {
      stream: runtime.names.streams.events,
      durable: config.CONTENT_ACHIEVEMENTS_DURABLE,
      filterSubject: runtime.names.subjects.achievementCreated,
      ackWaitMs: ACHIEVEMENTS_CONSUMER.ackWaitMs,
      maxDeliver: ACHIEVEMENTS_CONSUMER.maxDeliver,
      deliverNew: true,
    });
    const achievements = await startConsumer({
      nc: runtime.nc,
      stream: runtime.names.streams.events,
      durable: config.CONTENT_ACHIEVEMENTS_DURABLE,
      deadLetterSubject: runtime.names.subjects.deadLetter(config.CONTENT_ACHIEVEMENTS_DURABLE),
      advisoriesStream: runtime.names.streams.advisories,
      concurrency: ACHIEVEMENTS_CONSUMER.concurrency,
      maxDeliver: ACHIEVEMENTS_CONSUMER.maxDeliver,
      retryDelaysMs: [...ACHIEVEMENTS_CONSUMER.retryDelaysMs],
      heartbeatMs: Math.floor(ACHIEVEMENTS_CONSUMER.ackWaitMs / 3),
      logger: runtime.logger,
      handle: createAchievementCreatedHandler({
        db: runtime.db,
        js: runtime.js,
        outbox: runtime.outbox,
        subjects: runtime.names.subjects,
        logger: runtime.logger.child({ component: 'auto-content' }),
        autoContentPersona: config.AUTO_CONTENT_PERSONA,
      }),
    });
    onStop('stop achievements consumer', () => achievements.stop());
    await ensureDurableConsumer(runtime.nc, {
      stream: runtime.names.streams.jobs,
      durable: config.CONTENT_PUBLISHER_DURABLE,
      filterSubject: runtime.names.subjects.publishPost,
      ackWaitMs: config.THREADS_TIMEOUT_MS * 4,
      maxDeliver: config.PUBLISH_MAX_DELIVER,
    });
    const publications = await startConsumer({
      nc: runtime.nc,
      stream: runtime.names.streams.jobs,
      durable: config.CONTENT_PUBLISHER_DURABLE,
      deadLetterSubject: runtime.names.subjects.deadLetter(config.CONTENT_PUBLISHER_DURABLE),
      advisoriesStream: runtime.names.streams.advisories,
      concurrency: config.PUBLISH_CONCURRENCY,
      maxDeliver: config.PUBLISH_MAX_DELIVER,
      retryDelaysMs: config.PUBLISH_RETRY_DELAYS_MS,
      heartbeatMs: config.THREADS_TIMEOUT_MS,
      logger: runtime.logger,
      handle: (msg) => publishPostJob(deps, postIdOf(msg.data)),
      onGiveUp: async (msg, error) => {
        let postId: string;
        try {
          postId = postIdOf(msg.data);
        } catch {
          return;
        }
        await failPublication(deps, postId, error);
      },
    });
    onStop('stop publish consumer', () => publications.stop());
    const reporter = startEngagementReporter({ ...deps, intervalMs: config.ENGAGEMENT_POLL_INTERVAL_MS });
    onStop('stop engagement reporter', () => reporter.stop());
    return {
      log: { provider: deps.provider.name, moderator: deps.moderator?.name ?? null, publisher: deps.publisher.name, qualityMin: config.QUALITY_MIN, embedding: deps.embedder.model, vectorIndex: deps.vectorIndex.name, autoContentPersona: config.AUTO_CONTENT_PERSONA ?? null },
      api: { sweep: () => sweeper.sweep(), sweepIndex: async () => (indexSweeper ? indexSweeper.sweep() : 0), reportEngagement: () => reporter.runOnce() },
    };
  },
});
