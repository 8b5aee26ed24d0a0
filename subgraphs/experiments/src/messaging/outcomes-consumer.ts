import type { NatsConnection } from '@nats-io/nats-core';
import { postEngagementData } from '../../../../lib/events';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { ensureDurableConsumer, parseQueuedEvent, startConsumer } from '../../../../lib/nats';
import type { RunningConsumer } from '../../../../lib/nats';
import type { Outbox } from '../../../../lib/outbox';
import type { ExperimentsConfig } from '../config';
import type { ExperimentsDatabase } from '../db/database';
import type { ExperimentsDb } from '../db/repositories/experiments';
import type { ExperimentsWorkerMetrics } from '../metrics';
import { processEngagementEvent } from '../operations/apply-engagement';

/** Redelivery delays after a failed attempt (ms); the last one repeats. */
const RETRY_DELAYS_MS = [1_000, 5_000, 15_000];

/** Dependencies of {@link startOutcomesConsumer}. */
export interface OutcomesConsumerDeps {
  nc: NatsConnection;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ExperimentsDatabase>;
  /** This deployment's stream of events and subjects (`NATS_PREFIX`). */
  eventsStream: string;
  /** The deployment's ADVISORIES stream (max-deliveries advisories of the consumer). */
  advisoriesStream: string;
  subjects: Subjects;
  db: ExperimentsDb;
  logger: Logger;
  metrics: ExperimentsWorkerMetrics;
}

/**
 * Consumes `events.content.post.engagement` from EVENTS with the durable
 * `EXPERIMENTS_CONSUMER_DURABLE` (new messages only, explicit acks, bounded concurrency) and
 * hands each event to `processEngagementEvent`, which folds it into its post's variant and
 * publishes `experiment.updated` when counts changed. A malformed event is given up at once
 * ({@link PermanentError}); a failed one is redelivered after 1 s, 5 s, then every 15 s, up to
 * `EXPERIMENTS_OUTCOMES_MAX_DELIVER` deliveries.
 *
 * @throws when the EVENTS stream does not exist
 */
export async function startOutcomesConsumer(config: ExperimentsConfig, deps: OutcomesConsumerDeps): Promise<RunningConsumer> {
  await ensureDurableConsumer(deps.nc, {
    stream: deps.eventsStream,
    durable: config.EXPERIMENTS_CONSUMER_DURABLE,
    filterSubject: deps.subjects.postEngagement,
    ackWaitMs: config.EXPERIMENTS_OUTCOMES_ACK_WAIT_MS,
    maxDeliver: config.EXPERIMENTS_OUTCOMES_MAX_DELIVER,
    deliverNew: true,
  });
  return startConsumer({
    nc: deps.nc,
    stream: deps.eventsStream,
    durable: config.EXPERIMENTS_CONSUMER_DURABLE,
    deadLetterSubject: deps.subjects.deadLetter(config.EXPERIMENTS_CONSUMER_DURABLE),
    advisoriesStream: deps.advisoriesStream,
    concurrency: config.EXPERIMENTS_OUTCOMES_CONCURRENCY,
    maxDeliver: config.EXPERIMENTS_OUTCOMES_MAX_DELIVER,
    retryDelaysMs: RETRY_DELAYS_MS,
    heartbeatMs: Math.max(1_000, Math.floor(config.EXPERIMENTS_OUTCOMES_ACK_WAIT_MS / 3)),
    logger: deps.logger,
    handle: async (msg) => {
      await processEngagementEvent(deps, parseQueuedEvent(msg.data, postEngagementData));
    },
  });
}
