import { openRuntime, runShutdown, startAdminServer } from '../../../../lib/server';
import type { ShutdownStep } from '../../../../lib/server';
import { experimentsDatabaseUrl } from '../config';
import type { ExperimentsConfig } from '../config';
import { EXPERIMENTS_SCHEMA } from '../db/database';
import type { ExperimentsDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { createBetaSampler } from '../domain/thompson-sampling';
import { createExperimentsWorkerMetrics } from '../metrics';
import { startAssignVariantService } from './assign-variant-service';
import { startOutcomesConsumer } from './outcomes-consumer';
import { prettyLogs } from '../../../../lib/logger';

/** A running experiments worker. */
export interface RunningExperimentsWorker {
  /** Port of the worker's admin server (`/metrics`, `/healthz`, `/readyz`). */
  adminPort: number;
  /** Graceful stop: stop the service and the consumer (in-flight handlers finish), close admin, drain NATS, close the pool. */
  stop(): Promise<void>;
}

/** Options of {@link startExperimentsWorker}. */
export interface ExperimentsWorkerOptions {
  /** Seed of the Thompson sampler (tests); random when absent. */
  seed?: number;
}

/**
 * Starts the experiments worker: Postgres (migrated) -> NATS -> the `experiments` NATS service
 * (endpoint `assign-variant` on `experiments.assign-variant`) -> the engagement outcomes
 * consumer (durable `EXPERIMENTS_CONSUMER_DURABLE` on EVENTS, `events.content.post.engagement`)
 * -> admin server on `EXPERIMENTS_WORKER_ADMIN_PORT`.
 *
 * @throws when Postgres or NATS does not answer, a migration fails, or the admin port is taken
 *   (whatever was started is stopped again)
 */
export async function startExperimentsWorker(config: ExperimentsConfig, options: ExperimentsWorkerOptions = {}): Promise<RunningExperimentsWorker> {
  const runtime = await openRuntime<ExperimentsDatabase>({
    service: 'experiments-worker',
    databaseUrl: experimentsDatabaseUrl(config),
    dbSchema: EXPERIMENTS_SCHEMA,
    migrations,
    natsUrl: config.NATS_URL,
    natsPrefix: config.NATS_PREFIX,
    logLevel: config.LOG_LEVEL,
    logPretty: prettyLogs(config),
    dbPoolMax: config.DB_POOL_MAX,
  });
  const steps: ShutdownStep[] = [{ name: 'close runtime', run: () => runtime.close() }];
  const stop = () => runShutdown(steps, runtime.logger);
  try {
    const metrics = createExperimentsWorkerMetrics(runtime.metrics.registry);
    const service = await startAssignVariantService({
      nc: runtime.nc,
      db: runtime.db,
      logger: runtime.logger.child({ component: 'assign-variant' }),
      metrics,
      sample: createBetaSampler(options.seed),
      subject: runtime.names.subjects.assignVariant,
    });
    steps.unshift({ name: 'stop assign-variant service', run: async () => void (await service.stop()) });
    const consumer = await startOutcomesConsumer(config, {
      nc: runtime.nc,
      js: runtime.js,
      eventsStream: runtime.names.streams.events,
      subjects: runtime.names.subjects,
      db: runtime.db,
      logger: runtime.logger.child({ component: 'outcomes' }),
      metrics,
    });
    steps.splice(1, 0, { name: 'stop outcomes consumer', run: () => consumer.stop() });
    const admin = await startAdminServer({
      port: config.EXPERIMENTS_WORKER_ADMIN_PORT,
      host: config.ADMIN_HOST,
      registry: runtime.metrics.registry,
      readiness: [
        ...runtime.readiness,
        {
          name: 'assign-variant service',
          check: async () => {
            if (service.isStopped) throw new Error('assign-variant service stopped');
          },
        },
      ],
    });
    steps.splice(steps.length - 1, 0, { name: 'close admin server', run: () => admin.close() });
    runtime.logger.info({ adminPort: admin.port, durable: config.EXPERIMENTS_CONSUMER_DURABLE }, 'experiments worker running');
    return { adminPort: admin.port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
