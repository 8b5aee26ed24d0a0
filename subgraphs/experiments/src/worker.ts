import { defineWorker } from '../../../lib/server';
import type { RunningWorker } from '../../../lib/server';
import type { ExperimentsConfig } from './config';
import type { ExperimentsDatabase } from './db/database';
import { createBetaSampler } from './domain/thompson-sampling';
import { createExperimentsWorkerMetrics } from './metrics';
import { experimentsSubgraph } from './config';
import { startAssignVariantService } from './messaging/assign-variant-service';
import { startOutcomesConsumer } from './messaging/outcomes-consumer';

/** A running experiments worker. */
export type RunningExperimentsWorker = RunningWorker;

/** Options of {@link startExperimentsWorker}. */
export interface ExperimentsWorkerOptions {
  /** Seed of the Thompson sampler (tests); random when absent. */
  seed?: number;
}

/**
 * Starts the experiments worker: the `experiments` NATS service (endpoint `assign-variant` on
 * `experiments.assign-variant`), then the engagement outcomes consumer (durable
 * `EXPERIMENTS_CONSUMER_DURABLE` on EVENTS, `events.content.post.engagement`), and admin
 * endpoints on `EXPERIMENTS_WORKER_ADMIN_PORT` (see `defineWorker`).
 */
export const startExperimentsWorker = defineWorker<ExperimentsDatabase, ExperimentsConfig, ExperimentsWorkerOptions>({
  subgraph: experimentsSubgraph,
  async start({ runtime, config, options, onStop }) {
    const metrics = createExperimentsWorkerMetrics(runtime.metrics.registry);
    const service = await startAssignVariantService({
      nc: runtime.nc,
      db: runtime.db,
      logger: runtime.logger.child({ component: 'assign-variant' }),
      metrics,
      sample: createBetaSampler(options.seed),
      subject: runtime.names.subjects.assignVariant,
    });
    onStop('stop assign-variant service', async () => void (await service.stop()));
    const consumer = await startOutcomesConsumer(config, {
      nc: runtime.nc,
      outbox: runtime.outbox,
      eventsStream: runtime.names.streams.events,
      advisoriesStream: runtime.names.streams.advisories,
      subjects: runtime.names.subjects,
      db: runtime.db,
      logger: runtime.logger.child({ component: 'outcomes' }),
      metrics,
    });
    onStop('stop outcomes consumer', () => consumer.stop());
    return {
      log: { durable: config.EXPERIMENTS_CONSUMER_DURABLE },
      readiness: [
        {
          name: 'assign-variant service',
          check: async () => {
            if (service.isStopped) throw new Error('assign-variant service stopped');
          },
        },
      ],
    };
  },
});
