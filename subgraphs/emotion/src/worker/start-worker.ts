import { ensureDurableConsumer, startConsumer } from '../../../../lib/nats';
import { openRuntime, runShutdown, startAdminServer } from '../../../../lib/server';
import type { ShutdownStep } from '../../../../lib/server';
import { emotionDatabaseUrl } from '../config';
import type { EmotionConfig } from '../config';
import { EMOTION_SCHEMA } from '../db/database';
import type { EmotionDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { createEmotionMetrics } from '../metrics';
import { createPostCreatedHandler } from './handle-post-created';
import { prettyLogs } from '../../../../lib/logger';

/** Options of {@link startEmotionWorker}. */
export interface EmotionWorkerOptions {
  /** Called for every SQL statement (tests). */
  onQuery?: (sql: string) => void;
}

/** A running emotion worker. */
export interface RunningEmotionWorker {
  /** Port of the worker's admin server (`/healthz`, `/readyz`, `/metrics`). */
  adminPort: number;
  /** Stops pulling, waits for in-flight messages, closes the admin server, drains NATS, closes the pool. */
  stop(): Promise<void>;
}

/**
 * Starts the emotion worker: the durable consumer `EMOTION_CONSUMER_DURABLE` (default
 * `emotion-analyzer`) on the EVENTS stream, filtered to `events.content.post.created`, starting
 * at new messages, with `EMOTION_WORKER_CONCURRENCY` messages at a time; each post is analysed,
 * stored and announced on `events.emotion.trajectory.created`. Serves admin endpoints on
 * `EMOTION_WORKER_ADMIN_PORT`.
 *
 * @throws when Postgres or NATS does not answer, or a migration fails (what was opened is closed)
 */
export async function startEmotionWorker(config: EmotionConfig, options: EmotionWorkerOptions = {}): Promise<RunningEmotionWorker> {
  const runtime = await openRuntime<EmotionDatabase>({
    service: 'emotion-worker',
    databaseUrl: emotionDatabaseUrl(config),
    dbSchema: EMOTION_SCHEMA,
    migrations,
    natsUrl: config.NATS_URL,
    natsPrefix: config.NATS_PREFIX,
    logLevel: config.LOG_LEVEL,
    logPretty: prettyLogs(config),
    dbPoolMax: config.DB_POOL_MAX,
    onQuery: options.onQuery,
  });
  const steps: ShutdownStep[] = [{ name: 'close runtime', run: () => runtime.close() }];
  const stop = () => runShutdown(steps, runtime.logger);
  try {
    const metrics = createEmotionMetrics(runtime.metrics.registry);
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
      concurrency: config.EMOTION_WORKER_CONCURRENCY,
      maxDeliver: config.EMOTION_MAX_DELIVER,
      retryDelaysMs: config.EMOTION_RETRY_DELAYS_MS,
      heartbeatMs: Math.max(1000, Math.floor(config.EMOTION_ACK_WAIT_MS / 3)),
      logger: runtime.logger,
      handle: createPostCreatedHandler({ db: runtime.db, js: runtime.js, subjects: runtime.names.subjects, metrics, logger: runtime.logger }),
      onGiveUp: async () => {
        metrics.eventsFailed.inc();
      },
    });
    steps.unshift({ name: 'stop consumer', run: () => consumer.stop() });
    const admin = await startAdminServer({
      port: config.EMOTION_WORKER_ADMIN_PORT,
      host: config.ADMIN_HOST,
      registry: runtime.metrics.registry,
      readiness: runtime.readiness,
    });
    steps.splice(1, 0, { name: 'close admin server', run: () => admin.close() });
    runtime.logger.info({ durable: config.EMOTION_CONSUMER_DURABLE, adminPort: admin.port }, 'emotion worker consuming');
    return { adminPort: admin.port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
