import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { subjectsFor } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import { connectNats } from '../../lib/nats';
import { captureCpuProfile } from '../lib/cpu-profile-capture';
import type { CapturedProfile, CpuProfileCapture } from '../lib/cpu-profile-capture';
import { tapJobEvents } from '../lib/job-event-tap';
import type { PublishedEvent } from '../lib/job-event-tap';
import type { Platform } from '../lib/platform';
import { rssMiBOf, sampleMachine, sampleProcess } from '../lib/process-sampler';
import { scrapeMetrics } from '../lib/prometheus';
import { benchTopic, callSubgraph } from '../lib/seed';
import type { SeededData } from '../lib/seed';
import { percentile } from '../lib/stats';
import { startSubscriberLoad } from '../lib/subscriber-load';
import type { DeliveryReport } from '../lib/subscriber-load';

/** What every subscriber watches: one job, with its post's variant and trajectory resolved across three subgraphs. */
export const WATCH_JOB =
  'subscription BenchWatch($id: ID!) { generationJobUpdated(id: $id) { type status delta text job { id status post { id variant { name } emotionTrajectory { trajectoryType } } } } }';

/** One tier: `subscribers` watchers of one job, on a fresh gateway. */
export interface SubscriptionTier {
  subscribers: number;
  subscribed: number;
  failedToSubscribe: number;
  /** Seconds until every subscription had its SNAPSHOT. */
  subscribeSeconds: number;
  /** Job events published on NATS (status changes, token deltas, trajectory). */
  published: number;
  /** Seconds from the job's first to its last published event. */
  jobSeconds: number;
  /** Events received by all subscribers (SNAPSHOT not counted). */
  delivered: number;
  /** `published x subscribed`: what a perfect fan-out delivers. */
  expected: number;
  /** Events delivered per second, from the first publication to the last receipt. */
  deliveredPerSecond: number;
  /** Fan-out latency: NATS publication (CloudEvent `time`) to client receipt, ms. */
  latencyP50: number;
  latencyP99: number;
  /** `gateway_subscription_events_dropped_total` during the tier. */
  dropped: number;
  completed: number;
  errored: number;
  firstError: string | null;
  /** Gateway peak RSS (MiB) and CPU (% of one core) over the tier. */
  peakRssMiB: number;
  /** Gateway RSS once every subscription was open (MiB). */
  rssSubscribedMiB: number;
  cpuPercent: number;
  /** CPU of the load processes together over the tier, % of one core. */
  loadCpuPercent: number;
  /** CPU of the whole machine over the tier (load processes, subgraphs, Postgres, NATS included), % of one core. */
  machineCpuPercent: number;
  /** Subgraph requests per subscription opened (its snapshot and first resolution). */
  subgraphRequestsPerSubscriber: number;
  /** Subgraph requests per published event while the job ran (grouped resolution: independent of `subscribers`). */
  subgraphRequestsPerEvent: number;
}

/** Everything the subscriptions scenario measured. */
export interface SubscriptionScenarioResult {
  tokenDelayMs: number;
  loadProcesses: number;
  tiers: SubscriptionTier[];
  /** Tiers not run, and why. */
  skipped: string[];
  /** The tier whose gateway ran under `--cpu-prof` (the largest asked for). */
  profiledSubscribers: number;
  /** That gateway's busiest thread over the delivery: from the worker's start to the last receipt. */
  profile: CapturedProfile;
}

/** Options of {@link runSubscriptionScenario}. */
export interface SubscriptionScenarioOptions {
  /** Subscriber counts, smallest first (1,000, 5,000, 10,000). */
  tiers: number[];
  /** The offline writer's pace while the job streams (ms per word; 120 is `npm start`'s). */
  tokenDelayMs: number;
  /** Load processes (one per core). */
  loadProcesses: number;
  /** Root of the profiles (git-ignored): the largest tier's gateway writes to `gateway-subscriptions/` there. */
  profileDir: string;
  logger: Logger;
}

/** How long a tier may take to deliver its job's events after the worker starts (ms). */
const RUN_TIMEOUT_MS = 60_000;

function latencies(published: PublishedEvent[], deliveries: DeliveryReport[]): { values: number[]; delivered: number; lastReceipt: number } {
  const publishedAt = new Map(published.map((event) => [event.key, event.publishedAt]));
  const values: number[] = [];
  let delivered = 0;
  let lastReceipt = 0;
  for (const report of deliveries) {
    for (const [key, receipts] of Object.entries(report.receipts)) {
      delivered += receipts.length;
      const at = publishedAt.get(key);
      for (const receipt of receipts) {
        lastReceipt = Math.max(lastReceipt, receipt);
        if (at !== undefined) values.push(receipt - at);
      }
    }
  }
  return { values, delivered, lastReceipt };
}

async function runTier(platform: Platform, seeded: SeededData, subscribers: number, options: SubscriptionScenarioOptions, profile: CpuProfileCapture | null): Promise<SubscriptionTier> {
  await platform.stopWorker('content');
  const gateway = await platform.startGateway({}, profile?.nodeArgs);
  const nc = await connectNats(platform.env.natsUrl, 'bench-tap');
  const loads: Array<ReturnType<typeof startSubscriberLoad>> = [];
  try {
    const { generatePost } = await callSubgraph<{ generatePost: { id: string } }>(platform, 'content', 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId: seeded.personaIds[0], topic: benchTopic(1000 + subscribers) },
    });
    const jobId = generatePost.id;
    const tap = await tapJobEvents(nc, subjectsFor(platform.env.natsPrefix), jobId);
    const metrics = () => scrapeMetrics(gateway.ready.adminPort!);
    const before = { counters: await platform.subgraphCounters(), metrics: await metrics() };
    const sampler = sampleProcess(gateway.pid, 250);
    const machine = sampleMachine(cpus().length);
    const started = performance.now();
    const share = Math.ceil(subscribers / options.loadProcesses);
    for (let i = 0; i < options.loadProcesses; i++) {
      const count = Math.min(share, subscribers - i * share);
      if (count <= 0) break;
      loads.push(
        startSubscriberLoad({ url: gateway.ready.url!, token: platform.env.userToken, query: WATCH_JOB, variables: { id: jobId }, subscribers: count, concurrency: 100, deadlineMs: 300_000 }),
      );
    }
    const opened = await Promise.all(loads.map((load) => load.subscribed));
    const subscribeSeconds = (performance.now() - started) / 1000;
    const subscribed = opened.reduce((sum, r) => sum + r.ok, 0);
    const rssSubscribedMiB = rssMiBOf(gateway.pid);
    const afterSubscribe = await platform.subgraphCounters();
    options.logger.info({ subscribers, subscribed, seconds: Math.round(subscribeSeconds), rssMiB: Math.round(rssSubscribedMiB) }, 'subscriptions open; starting the content worker');
    profile?.start();
    await platform.startWorker('content', { OFFLINE_TOKEN_DELAY_MS: String(options.tokenDelayMs) });
    const ended = Promise.all(loads.map((load) => load.allEnded));
    await Promise.race([ended, sleep(RUN_TIMEOUT_MS)]);
    await sleep(500);
    const deliveries = await Promise.all(loads.map((load) => load.collect()));
    profile?.end();
    const usage = sampler.stop();
    const machineCpuPercent = machine.stop();
    const tierSeconds = (performance.now() - started) / 1000;
    const after = { counters: await platform.subgraphCounters(), metrics: await metrics() };
    tap.stop();
    const published = tap.events();
    const { values, delivered, lastReceipt } = latencies(published, deliveries);
    const firstPublished = Math.min(...published.map((e) => e.publishedAt));
    const tier: SubscriptionTier = {
      subscribers,
      subscribed,
      failedToSubscribe: opened.reduce((sum, r) => sum + r.failed, 0),
      subscribeSeconds,
      published: published.length,
      jobSeconds: published.length ? (Math.max(...published.map((e) => e.publishedAt)) - firstPublished) / 1000 : 0,
      delivered,
      expected: published.length * subscribed,
      deliveredPerSecond: lastReceipt > firstPublished ? delivered / ((lastReceipt - firstPublished) / 1000) : 0,
      latencyP50: percentile(values, 50),
      latencyP99: percentile(values, 99),
      dropped: after.metrics.sum('gateway_subscription_events_dropped_total') - before.metrics.sum('gateway_subscription_events_dropped_total'),
      completed: deliveries.reduce((sum, r) => sum + r.completed, 0),
      errored: deliveries.reduce((sum, r) => sum + r.errored, 0),
      firstError: opened.find((r) => r.firstError)?.firstError ?? deliveries.find((r) => r.firstError)?.firstError ?? null,
      peakRssMiB: usage.peakRssMiB,
      rssSubscribedMiB,
      cpuPercent: usage.cpuPercent,
      machineCpuPercent,
      loadCpuPercent: (100 * deliveries.reduce((sum, r) => sum + r.cpuSeconds, 0)) / tierSeconds,
      subgraphRequestsPerSubscriber: subscribed > 0 ? (afterSubscribe.requests - before.counters.requests) / subscribed : NaN,
      subgraphRequestsPerEvent: published.length > 0 ? (after.counters.requests - afterSubscribe.requests) / published.length : NaN,
    };
    options.logger.info({ subscribers, delivered, expected: tier.expected, p99: Math.round(tier.latencyP99), dropped: tier.dropped }, 'subscription tier done');
    return tier;
  } finally {
    loads.forEach((load) => load.kill());
    await nc.close();
    // A profiled gateway writes its profile as it exits: time to exit by itself before SIGKILL.
    await gateway.stop(profile ? 30_000 : undefined);
  }
}

/**
 * The subscriptions scenario: for each tier, a fresh gateway, a generation job left QUEUED
 * (content's worker stopped), `subscribers` graphql-ws subscriptions to it from
 * `loadProcesses` load processes, then the worker started at the given pace: the job streams,
 * completes and gets its trajectory, and every subscription ends by itself (or the tier stops
 * after 60 s). A tier that fails to open 95 % of its subscriptions ends the escalation. The
 * largest tier's gateway runs under `--cpu-prof` (its figures include the profiler's overhead).
 */
export async function runSubscriptionScenario(platform: Platform, seeded: SeededData, options: SubscriptionScenarioOptions): Promise<SubscriptionScenarioResult> {
  const profiledSubscribers = Math.max(...options.tiers);
  const result: SubscriptionScenarioResult = {
    tokenDelayMs: options.tokenDelayMs,
    loadProcesses: options.loadProcesses,
    tiers: [],
    skipped: [],
    profiledSubscribers,
    profile: { profile: null, note: `not profiled: the ${profiledSubscribers} tier did not run` },
  };
  try {
    for (const [i, subscribers] of options.tiers.entries()) {
      const capture = subscribers === profiledSubscribers ? captureCpuProfile(join(options.profileDir, 'gateway-subscriptions')) : null;
      let tier: SubscriptionTier;
      try {
        tier = await runTier(platform, seeded, subscribers, options, capture);
        if (capture) result.profile = capture.read();
      } catch (err) {
        result.skipped.push(`${subscribers}: failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        result.skipped.push(...options.tiers.slice(i + 1).map((n) => `${n}: not run after the failure of ${subscribers}`));
        break;
      }
      result.tiers.push(tier);
      if (tier.subscribed < 0.95 * subscribers) {
        result.skipped.push(...options.tiers.slice(i + 1).map((n) => `${n}: not run: only ${tier.subscribed} of ${subscribers} subscriptions opened`));
        break;
      }
    }
  } finally {
    await platform.startWorker('content');
  }
  return result;
}
