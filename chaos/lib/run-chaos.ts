import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from '../../bench/lib/free-port';
import { SCOPES, signUserToken } from '../../lib/auth';
import type { Logger } from '../../lib/logger';
import { natsNames } from '../../lib/nats';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { startAchievementSubscriber } from './achievement-subscriber';
import type { SubscriberEvent } from './achievement-subscriber';
import { runChecks } from './checks';
import type { CheckResult } from './checks';
import type { CleanupStack } from './cleanup';
import { startFaults } from './faults';
import type { FaultRecord } from './faults';
import { createRetryingClient } from './gateway-client';
import { startLoad } from './load';
import type { LoadResult } from './load';
import { startNatsServer } from './nats-server';
import type { ChaosOptions } from './options';
import { PLATFORM_PORT_COUNT, startChaosPlatform } from './platform';
import type { ServiceExit } from './platform';
import { createPostgresCluster } from './postgres-cluster';
import { publishedEventSubjects } from './published-events';
import { measureRecovery } from './recovery';
import type { Recovery } from './recovery';
import { waitUntil } from './wait';

/** Why the events of lost items went missing: published to NATS or not. */
export interface LossDiagnosis {
  /** Posts without a trajectory whose `post.created` is in the EVENTS stream (published, not consumed). */
  postsWithoutTrajectoryPublished: number;
  /** Posts without a trajectory whose `post.created` was never published. */
  postsWithoutTrajectoryUnpublished: number;
  /** Undelivered achievements whose `achievement.created` is in the EVENTS stream (published, missed by the subscription). */
  achievementsUndeliveredPublished: number;
  /** Undelivered achievements whose `achievement.created` was never published. */
  achievementsUndeliveredUnpublished: number;
}

/** Everything a chaos run measured. */
export interface ChaosReport {
  options: ChaosOptions;
  load: LoadResult;
  checks: CheckResult;
  /** The checks came out clean before the deadline (else: the last checks at the deadline). */
  converged: boolean;
  faults: FaultRecord[];
  recovery: Recovery[];
  /** Service exits the suite did not cause (crashes, e.g. while Postgres or NATS was down). */
  unplannedExits: ServiceExit[];
  diagnosis: LossDiagnosis | null;
  /** The subscriber's connections, disconnections and subscription ends, oldest first. */
  subscriberEvents: SubscriberEvent[];
  /** Epoch ms at which the load (and the faults) started. */
  loadStartedAt: number;
  /** Wall time of the load phase and of the whole run (ms). */
  loadMs: number;
  totalMs: number;
  /** The run folder when kept (`keep`), else null (deleted). */
  keptDir: string | null;
}

const PERSONAS_QUERY = '{ personas { id name } }';
const CREATE_EXPERIMENT = 'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }';
const START_EXPERIMENT = 'mutation($id: ID!) { startExperiment(id: $id) { id } }';
const CREATE_ACHIEVEMENT = 'mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }';

/**
 * Runs the chaos suite once: its own Postgres cluster and NATS server on free ports in a fresh
 * temporary folder, the platform's nine processes on them, the seed (`npm start`'s personas and
 * experiment, plus an experiment for the second persona, so every post gets a variant), a
 * graphql-ws subscriber of `achievementCreated` (checked end to end with a probe achievement),
 * then the load ({@link startLoad}) with the faults ({@link startFaults}; the NATS and Postgres
 * outages wait a little for the subscriber's subscription to be live) until every job is
 * submitted, then up to `deadlineSeconds` for the engagement to be written and for the checks
 * ({@link runChecks}) to come out clean, then the recovery times. Every step registers its
 * clean-up on `cleanup`, which the caller runs (also on SIGINT or a test timeout).
 *
 * @throws when the cluster, the server or the platform does not start, or the probe
 *   achievement does not reach the subscriber within 60 s (nothing is measured then)
 */
export async function runChaos(options: ChaosOptions, logger: Logger, cleanup: CleanupStack): Promise<ChaosReport> {
  const started = Date.now();
  const runId = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), `chaos-${runId}-`));
  chmodSync(dir, 0o755);
  cleanup.add('remove the run folder', () => {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  });
  logger.info({ dir, jobs: options.jobs, ratePerSecond: options.ratePerSecond }, 'chaos run starting');

  const [postgresPort, natsPort, ...platformPorts] = await freePorts(2 + PLATFORM_PORT_COUNT);
  const postgres = await createPostgresCluster({ binDir: options.postgresBinDir, dir, port: postgresPort! });
  cleanup.add('stop Postgres', () => postgres.stop());
  const nats = await startNatsServer({ binary: options.natsServerBinary, dir, port: natsPort! });
  cleanup.add('stop NATS', () => nats.stop());
  const authSecret = randomBytes(32).toString('base64url');
  const platform = await startChaosPlatform({
    databaseUrl: postgres.url,
    natsUrl: nats.url,
    authSecret,
    subgraphSecret: randomBytes(32).toString('base64url'),
    ports: platformPorts,
    logDir: dir,
    logLevel: options.serviceLogLevel,
  });
  cleanup.add('stop the platform', () => platform.stop());
  logger.info({ gateway: platform.gatewayUrl }, 'platform up');

  const token = await signUserToken(authSecret, { sub: 'chaos', scope: SCOPES.join(' '), expiresIn: '24h' });
  const setupClient = createRetryingClient(platform.gatewayUrl, token);
  const setupUntil = () => Date.now() + 60_000;
  await seedIfEmpty(platform.gatewayUrl, logger, token);
  const { data } = await setupClient.call<{ personas: Array<{ id: string; name: string }> }>(PERSONAS_QUERY, {}, { until: setupUntil() });
  const personas = data!.personas;
  for (const persona of personas.filter((p) => p.name !== 'ai-jesus')) {
    const variants = [
      { name: 'control', isControl: true, dimensions: { hookStyle: 'bold', length: 'medium' } },
      { name: 'contrarian', isControl: false, dimensions: { hookStyle: 'contrarian', length: 'medium' } },
    ];
    const created = await setupClient.call<{ createExperiment: { id: string } }>(CREATE_EXPERIMENT, { input: { name: `${persona.name} hooks`, personaId: persona.id, variants } }, { until: setupUntil() });
    await setupClient.call(START_EXPERIMENT, { id: created.data!.createExperiment.id }, { until: setupUntil() });
  }

  const subscriber = startAchievementSubscriber(platform.gatewayUrl, token);
  cleanup.add('close the subscriber', () => subscriber.stop());
  await waitUntil('subscriber connected', async () => subscriber.events().some((e) => e.type === 'connected'), 30_000);
  await sleep(500);
  await setupClient.call(CREATE_ACHIEVEMENT, { input: { title: 'Chaos probe', category: 'TESTING', impactScore: 10, complexityScore: 10, sourceType: 'GITHUB_PR', sourceId: `chaos/${runId}#probe` } }, { until: setupUntil() });
  await waitUntil('probe achievement received by the subscriber', async () => subscriber.received().size > 0, 60_000);
  logger.info({ personas: personas.length }, 'seeded; subscriber receives achievements; load and faults starting');

  const loadStarted = Date.now();
  const durationMs = (options.jobs * 1000) / options.ratePerSecond;
  const hardDeadline = loadStarted + durationMs + options.deadlineSeconds * 1000;
  const load = startLoad(
    { gatewayUrl: platform.gatewayUrl, token, databaseUrl: postgres.url, personaIds: personas.map((p) => p.id), logger, hardDeadline },
    { jobs: options.jobs, ratePerSecond: options.ratePerSecond, achievementEvery: options.achievementEvery, engagementPerSecond: options.engagementPerSecond, runId },
  );
  cleanup.add('stop the load', () => load.stop());
  // Live: connected (its last connection event is a `connection_ack`), and past its resume's
  // replay (it has received an achievement created after that connection).
  const subscriptionLive = async () => {
    const last = [...subscriber.events()].reverse().find((e) => e.type === 'connected' || e.type === 'closed');
    return last?.type === 'connected' && subscriber.newestCreatedAt() > last.at;
  };
  const beforeOutage = (maxWaitMs: number) =>
    waitUntil('the subscriber connected to the gateway and receiving live events', subscriptionLive, maxWaitMs, 100).then(
      () => true,
      () => {
        logger.warn({ waitedMs: maxWaitMs }, 'outage starts without a live subscription');
        return false;
      },
    );
  const faults = startFaults({ platform, nats, postgres, logger, beforeOutage }, { durationMs, contentKillIntervalMs: options.contentKillIntervalMs, outageMs: options.outageMs });
  cleanup.add('stop the faults', async () => {
    await faults.stop();
  });
  const progress = setInterval(() => {
    const r = load.result();
    logger.info({ submitted: r.jobsSubmitted, confirmed: r.jobIds.size, engagementWrites: r.engagement.size, faults: faults.records().length, retries: r.retries }, 'load progress');
  }, 10_000);
  cleanup.add('stop the progress log', () => clearInterval(progress));
  await load.submitted;
  const faultRecords = await faults.stop();
  const loadMs = Date.now() - loadStarted;
  const deadline = Date.now() + options.deadlineSeconds * 1000;
  logger.info({ loadMs, faults: faultRecords.length }, 'load submitted, faults stopped; waiting for the platform to converge');

  const drained = await load.drain(deadline);
  if (!drained) logger.warn('jobs or engagement writes still pending at the deadline');
  let checks: CheckResult;
  for (;;) {
    checks = await runChecks({ databaseUrl: postgres.url, load: load.result(), achievementDeliveries: subscriber.received(), achievementResumeRepeats: subscriber.resumeRepeats() });
    if ((checks.lost === 0 && checks.duplicated === 0) || Date.now() >= deadline) break;
    logger.info({ lost: checks.lost, duplicated: checks.duplicated }, 'not converged yet');
    await sleep(2_000);
  }
  clearInterval(progress);
  const converged = checks.lost === 0 && checks.duplicated === 0;
  const diagnosis = converged ? null : await diagnose(nats.url, checks).catch((err: unknown) => {
    logger.warn({ err }, 'could not read the EVENTS stream for the diagnosis');
    return null;
  });
  const recovery = await measureRecovery({ databaseUrl: postgres.url, faults: faultRecords, gatewaySuccesses: load.result().successes, subscriberEvents: subscriber.events() });
  const planned = new Set(faultRecords.map((f) => f.pid).filter((pid): pid is number => pid !== undefined));
  return {
    options,
    load: load.result(),
    checks,
    converged,
    faults: faultRecords,
    recovery,
    unplannedExits: platform.exits().filter((exit) => !planned.has(exit.pid)),
    diagnosis,
    subscriberEvents: subscriber.events(),
    loadStartedAt: loadStarted,
    loadMs,
    totalMs: Date.now() - started,
    keptDir: options.keep ? dir : null,
  };
}

/** Reads the EVENTS stream to tell, for lost posts and achievements, whether their event was published. */
async function diagnose(natsUrl: string, checks: CheckResult): Promise<LossDiagnosis> {
  const names = natsNames(null);
  const [postsPublished, achievementsPublished] = await Promise.all([
    publishedEventSubjects(natsUrl, names.streams.events, names.subjects.postCreated),
    publishedEventSubjects(natsUrl, names.streams.events, names.subjects.achievementCreated),
  ]);
  const missingTrajectory = checks.missing.postsWithoutTrajectory;
  const undelivered = checks.missing.undeliveredAchievements;
  const pub = (ids: string[], published: Set<string>) => ids.filter((id) => published.has(id)).length;
  return {
    postsWithoutTrajectoryPublished: pub(missingTrajectory, postsPublished),
    postsWithoutTrajectoryUnpublished: missingTrajectory.length - pub(missingTrajectory, postsPublished),
    achievementsUndeliveredPublished: pub(undelivered, achievementsPublished),
    achievementsUndeliveredUnpublished: undelivered.length - pub(undelivered, achievementsPublished),
  };
}
