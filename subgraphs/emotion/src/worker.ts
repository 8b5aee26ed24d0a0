import { ensureDurableConsumer, startConsumer } from '../../../lib/nats';
import { defineWorker } from '../../../lib/server';
import type { RunningWorker } from '../../../lib/server';
import type { EmotionConfig } from './config';
import type { EmotionDatabase } from './db/database';
import { createEmotionMetrics } from './metrics';
import { emotionSubgraph } from './config';
import { createPostCreatedHandler } from './messaging/post-created-consumer';
import { loadEmotionModel } from './operations/load-emotion-model';

/** A running emotion worker. */
export type RunningEmotionWorker = RunningWorker;

/**
 * Starts the emotion worker: the durable consumer `EMOTION_CONSUMER_DURABLE` (default
 * `emotion-analyzer`) on the EVENTS stream, filtered to `events.content.post.created`, starting
 * at new messages, with `EMOTION_WORKER_CONCURRENCY` messages at a time; each post is analysed
 * (with the emotion model, loaded once at start),
 * stored and announced on `events.emotion.trajectory.created`. Admin endpoints on
 * `EMOTION_WORKER_ADMIN_PORT` (see `defineWorker`).
 */
export const startEmotionWorker = defineWorker<EmotionDatabase, EmotionConfig>({
  subgraph: emotionSubgraph,
  async start({ runtime, config, onStop }) {
    const metrics = createEmotionMetrics(runtime.metrics.registry);
    const model = loadEmotionModel();
    await ensureDurableConsumer(runtime.nc, {
      stream: runtime.names.streams.events,
      durable: config.EMOTION_CONSUMER_DURABLE,
      filterSubject: runtime.names.subjects.postCreated,
      ackWaitMs: config.EMOTION_ACK_WAIT_MS,
      maxDeliver: config.EMOTION_MAX_DELIVER,
      deliverNew: true,
    });
    const consumer = await startConsumer({
      nc: runtime.nc,
      stream: runtime.names.streams.events,
      durable: config.EMOTION_CONSUMER_DURABLE,
      deadLetterSubject: runtime.names.subjects.deadLetter(config.EMOTION_CONSUMER_DURABLE),
      advisoriesStream: runtime.names.streams.advisories,
      concurrency: config.EMOTION_WORKER_CONCURRENCY,
      maxDeliver: config.EMOTION_MAX_DELIVER,
      retryDelaysMs: config.EMOTION_RETRY_DELAYS_MS,
      heartbeatMs: Math.max(1000, Math.floor(config.EMOTION_ACK_WAIT_MS / 3)),
      logger: runtime.logger,
      handle: createPostCreatedHandler({ db: runtime.db, outbox: runtime.outbox, subjects: runtime.names.subjects, metrics, logger: runtime.logger, model }),
      onGiveUp: async () => {
        metrics.eventsFailed.inc();
      },
    });
    onStop('stop consumer', () => consumer.stop());
    return { log: { durable: config.EMOTION_CONSUMER_DURABLE } };
  },
});
