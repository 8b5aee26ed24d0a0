import { ensureDurableConsumer, startConsumer } from '../../../lib/nats';
import { defineWorker, startPeriodicTask } from '../../../lib/server';
import type { RunningWorker } from '../../../lib/server';
import { achievementsSubgraph } from './config';
import type { AchievementsConfig } from './config';
import type { AchievementsDatabase } from './db/database';
import { startDescribeAchievementService } from './messaging/describe-achievement-service';
import { createGithubClient } from './messaging/github-client';
import { createGithubDeliveryGiveUp, createGithubDeliveryHandler } from './messaging/github-delivery-consumer';
import { createAchievementsMetrics } from './metrics';
import type { DeliveryDeps } from './operations/delivery-result';
import { sweepUnpublishedDeliveries } from './operations/sweep-unpublished-deliveries';

/** A running achievements worker; `sweep()` queues stored, unpublished deliveries now (returns how many). */
export type RunningAchievementsWorker = RunningWorker<{ sweep(): Promise<number> }>;

/**
 * Starts the achievements worker: the durable consumer `ACHIEVEMENTS_CONSUMER_DURABLE` on JOBS
 * (`jobs.achievements.github-delivery`: one message per stored GitHub delivery, processed into
 * achievements and commits, retried with backoff, FAILED after the last delivery), the sweeper of
 * deliveries stored while NATS was down, the `achievements.describe` NATS service (what an
 * achievement is about, for content's posts), and admin endpoints on `ACHIEVEMENTS_WORKER_ADMIN_PORT`
 * (see `defineWorker`). With `GITHUB_TOKEN` it reads PR files, commits and reviews from
 * `GITHUB_API_URL`.
 */
export const startAchievementsWorker = defineWorker<AchievementsDatabase, AchievementsConfig, Record<string, never>, { sweep(): Promise<number> }>({
  subgraph: achievementsSubgraph,
  async start({ runtime, config, onStop }) {
    const deps: DeliveryDeps = {
      db: runtime.db,
      js: runtime.js,
      outbox: runtime.outbox,
      subjects: runtime.names.subjects,
      logger: runtime.logger,
      metrics: createAchievementsMetrics(runtime.metrics.registry),
      github: config.GITHUB_TOKEN ? createGithubClient({ token: config.GITHUB_TOKEN, baseUrl: config.GITHUB_API_URL, timeoutMs: config.GITHUB_TIMEOUT_MS }) : null,
      minPrChanges: config.MIN_PR_CHANGES_FOR_ACHIEVEMENT,
    };
    await ensureDurableConsumer(runtime.nc, {
      stream: runtime.names.streams.jobs,
      durable: config.ACHIEVEMENTS_CONSUMER_DURABLE,
      filterSubject: runtime.names.subjects.githubDelivery,
      ackWaitMs: config.ACHIEVEMENTS_ACK_WAIT_MS,
      maxDeliver: config.ACHIEVEMENTS_MAX_DELIVER,
    });
    const consumer = await startConsumer({
      nc: runtime.nc,
      stream: runtime.names.streams.jobs,
      durable: config.ACHIEVEMENTS_CONSUMER_DURABLE,
      deadLetterSubject: runtime.names.subjects.deadLetter(config.ACHIEVEMENTS_CONSUMER_DURABLE),
      advisoriesStream: runtime.names.streams.advisories,
      concurrency: config.ACHIEVEMENTS_WORKER_CONCURRENCY,
      maxDeliver: config.ACHIEVEMENTS_MAX_DELIVER,
      retryDelaysMs: config.ACHIEVEMENTS_RETRY_DELAYS_MS,
      heartbeatMs: Math.max(1000, Math.floor(config.ACHIEVEMENTS_ACK_WAIT_MS / 3)),
      logger: runtime.logger,
      handle: createGithubDeliveryHandler(deps),
      onGiveUp: createGithubDeliveryGiveUp(deps),
    });
    onStop('stop consumer', () => consumer.stop());
    const sweeper = startPeriodicTask({
      name: 'delivery sweeper',
      intervalMs: config.WEBHOOK_SWEEP_INTERVAL_MS,
      logger: runtime.logger,
      pass: () => sweepUnpublishedDeliveries(deps, config.WEBHOOK_SWEEP_MIN_AGE_MS),
    });
    onStop('stop sweeper', () => sweeper.stop());
    const describe = await startDescribeAchievementService({
      nc: runtime.nc,
      db: runtime.db,
      subject: runtime.names.subjects.describeAchievement,
      logger: runtime.logger.child({ component: 'describe-achievement' }),
    });
    onStop('stop describe-achievement service', () => describe.stop());
    if (!config.GITHUB_TOKEN) runtime.logger.info('GITHUB_TOKEN is not set: pull requests are scored without their reviews, files and commits');
    return {
      log: { durable: config.ACHIEVEMENTS_CONSUMER_DURABLE, github: deps.github ? config.GITHUB_API_URL : null },
      readiness: [
        {
          name: 'describe-achievement service',
          check: async () => {
            if (describe.isStopped) throw new Error('describe-achievement service stopped');
          },
        },
      ],
      api: { sweep: () => sweeper.runOnce() },
    };
  },
});
