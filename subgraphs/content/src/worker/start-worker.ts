import { generateJobData } from '../../../../lib/events';
import { ensureDurableConsumer, parseCloudEvent, startConsumer } from '../../../../lib/nats';
import { PermanentError } from '../../../../lib/nats';
import { openRuntime, runShutdown, startAdminServer } from '../../../../lib/server';
import type { Stoppable } from '../../../../lib/server';
import { contentDatabaseUrl } from '../config';
import type { ContentConfig } from '../config';
import { CONTENT_SCHEMA } from '../db/database';
import type { ContentDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { selectTextProvider } from '../providers/select-provider';
import type { TextProvider } from '../providers/text-provider';
import { failGenerationJob, generatePostJob } from './generate-post-job';
import { startSweeper } from './sweeper';
import { prettyLogs } from '../../../../lib/logger';
import { createContentWorkerMetrics } from '../metrics';

/** A running content worker; `sweep()` runs one sweeper pass now (returns jobs republished). */
export interface ContentWorker extends Stoppable {
  sweep(): Promise<number>;
  /** Port of `/healthz`, `/readyz` and `/metrics`. */
  adminPort: number;
}

function jobIdOf(data: Uint8Array): string {
  try {
    return parseCloudEvent(data, generateJobData).data.jobId;
  } catch (err) {
    throw new PermanentError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Starts the content worker: the durable pull consumer `content-generator` on JOBS (explicit
 * acks, bounded concurrency, retries with backoff, FAILED after the last delivery), the sweeper
 * of unpublished jobs, and the admin port.
 *
 * @param options.provider overrides the text provider chosen from config (tests)
 * @throws when Postgres or NATS does not answer
 */
export async function startContentWorker(config: ContentConfig, options: { provider?: TextProvider } = {}): Promise<ContentWorker> {
  const runtime = await openRuntime<ContentDatabase>({
    service: 'content-worker',
    databaseUrl: contentDatabaseUrl(config),
    dbSchema: CONTENT_SCHEMA,
    migrations,
    natsUrl: config.NATS_URL,
    natsPrefix: config.NATS_PREFIX,
    logLevel: config.LOG_LEVEL,
    logPretty: prettyLogs(config),
    dbPoolMax: config.DB_POOL_MAX,
  });
  const deps = {
    db: runtime.db,
    nc: runtime.nc,
    js: runtime.js,
    subjects: runtime.names.subjects,
    provider: options.provider ?? selectTextProvider(config),
    metrics: createContentWorkerMetrics(runtime.metrics.registry),
    logger: runtime.logger,
    variantTimeoutMs: config.VARIANT_TIMEOUT_MS,
  };
  try {
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
    const sweeper = startSweeper({
      db: runtime.db,
      js: runtime.js,
      subjects: runtime.names.subjects,
      logger: runtime.logger,
      intervalMs: config.SWEEP_INTERVAL_MS,
      minAgeMs: config.SWEEP_MIN_AGE_MS,
    });
    const admin = await startAdminServer({
      port: config.CONTENT_WORKER_ADMIN_PORT,
      host: config.ADMIN_HOST,
      registry: runtime.metrics.registry,
      readiness: runtime.readiness,
    });
    runtime.logger.info({ provider: deps.provider.name, adminPort: admin.port }, 'content worker started');
    return {
      adminPort: admin.port,
      sweep: () => sweeper.sweep(),
      stop: () =>
        runShutdown(
          [
            { name: 'stop sweeper', run: () => sweeper.stop() },
            { name: 'stop consumer', run: () => consumer.stop() },
            { name: 'close admin server', run: () => admin.close() },
            { name: 'close runtime', run: () => runtime.close() },
          ],
          runtime.logger,
        ),
    };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
