import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/logger';
import type { NatsServer } from './nats-server';
import type { ChaosPlatform } from './platform';
import type { PostgresCluster } from './postgres-cluster';

/** The faults the suite injects. */
export type FaultKind = 'content-worker-kill' | 'emotion-worker-kill' | 'gateway-kill' | 'nats-restart' | 'postgres-restart';

/** One injected fault. */
export interface FaultRecord {
  kind: FaultKind;
  /** Epoch ms of the kill (or crash). */
  at: number;
  /**
   * Epoch ms from which recovery is measured: when the suite restarted the server (NATS,
   * Postgres); for a killed process the kill itself (its restart is part of the recovery).
   */
  healedAt: number;
  /** Pid of the process killed (services only). */
  pid?: number;
  /** NATS and Postgres: whether the subscriber's subscription was live when the server went down. */
  subscriptionLive?: boolean;
}

/** When and how hard to inject faults; times in ms. */
export interface FaultPlan {
  /** Length of the load phase: one-off faults happen at fixed fractions of it. */
  durationMs: number;
  /** The content worker is killed this long after each time it is up again (2000: "every 2 s"). */
  contentKillIntervalMs: number;
  /** How long NATS and Postgres stay down before they are restarted. */
  outageMs: number;
}

/** What the faults act on. */
export interface FaultTargets {
  platform: ChaosPlatform;
  nats: NatsServer;
  postgres: PostgresCluster;
  logger: Logger;
  /**
   * Awaited before NATS or Postgres is stopped, at most `maxWaitMs`: resolves true once the
   * subscriber's subscription is live (the gateway killed before is up again and the resumed
   * subscription receives live events), false at the limit; never rejects. So that an outage
   * meets a live subscription rather than a gateway still starting or a resume still replaying.
   */
  beforeOutage?: (maxWaitMs: number) => Promise<boolean>;
}

/** Running fault injection. */
export interface FaultInjector {
  /** The faults injected so far, in order. */
  records(): FaultRecord[];
  /** Pids the suite killed on purpose (their exits are not crashes). */
  plannedPids(): ReadonlySet<number>;
  /**
   * Stops injecting (an outage in progress is ended first: its server is restarted).
   *
   * @returns every fault injected
   * @throws the first error of a fault (e.g. Postgres did not restart)
   */
  stop(): Promise<FaultRecord[]>;
}

/**
 * One-off faults, at these fractions of the load phase. The gateway goes first and early: it takes
 * about 8 s to start again on 2 busy cores, and the NATS restart should meet its subscriber
 * connected again (30 % of the short variant's 30 s load is 9 s).
 */
const ONE_OFF_SCHEDULE: ReadonlyArray<{ kind: Exclude<FaultKind, 'content-worker-kill'>; atFraction: number }> = [
  { kind: 'gateway-kill', atFraction: 0.1 },
  { kind: 'nats-restart', atFraction: 0.4 },
  { kind: 'postgres-restart', atFraction: 0.6 },
  { kind: 'emotion-worker-kill', atFraction: 0.8 },
];

/** How much later than its fraction an outage may start while it waits for a live subscription (a fraction of the load phase). */
const OUTAGE_MAX_DELAY = 0.1;

/**
 * Starts injecting the faults during the load phase, from now:
 * - the content worker is SIGKILLed `contentKillIntervalMs` after each time it is up (its
 *   `/healthz` answers), again and again, until `stop()`;
 * - once each, at 10 %, 40 %, 60 % and 80 % of `durationMs`: the gateway is SIGKILLed, NATS is
 *   SIGKILLed and restarted after `outageMs`, Postgres is crashed (`pg_ctl stop -m immediate`)
 *   and restarted after `outageMs`, an emotion worker is SIGKILLed; NATS and Postgres once
 *   `targets.beforeOutage` resolves, which may take up to 10 % of `durationMs` more.
 * Killed services are restarted by the platform's supervisor; servers by the injector.
 */
export function startFaults(targets: FaultTargets, plan: FaultPlan): FaultInjector {
  const { platform, logger } = targets;
  const records: FaultRecord[] = [];
  const planned = new Set<number>();
  const abort = new AbortController();
  const pause = (ms: number) => sleep(ms, undefined, { signal: abort.signal }).then(
    () => true,
    () => false,
  );
  const killService = (kind: FaultKind, service: 'content-worker' | 'emotion-worker' | 'gateway'): number | null => {
    const pid = platform.kill(service, 'SIGKILL');
    if (pid === null) return null;
    planned.add(pid);
    const at = Date.now();
    records.push({ kind, at, healedAt: at, pid });
    logger.info({ fault: kind, pid }, 'fault injected');
    return pid;
  };

  const contentKills = (async () => {
    let lastPid: number | undefined;
    while (!abort.signal.aborted) {
      try {
        await platform.waitUp('content-worker', 120_000, lastPid);
      } catch (err) {
        logger.warn({ err }, 'content worker not up again within 120 s');
        continue;
      }
      if (!(await pause(plan.contentKillIntervalMs))) return;
      lastPid = killService('content-worker-kill', 'content-worker') ?? lastPid;
    }
  })();

  const oneOffs = (async () => {
    const start = Date.now();
    for (const { kind, atFraction } of ONE_OFF_SCHEDULE) {
      if (!(await pause(Math.max(0, start + atFraction * plan.durationMs - Date.now())))) return;
      if (kind === 'gateway-kill') killService(kind, 'gateway');
      else if (kind === 'emotion-worker-kill') killService(kind, 'emotion-worker');
      else {
        const subscriptionLive = await targets.beforeOutage?.(Math.max(0, start + (atFraction + OUTAGE_MAX_DELAY) * plan.durationMs - Date.now()));
        if (abort.signal.aborted) return;
        const server = kind === 'nats-restart' ? { down: () => targets.nats.kill(), up: () => targets.nats.start() } : { down: () => targets.postgres.crash(), up: () => targets.postgres.start() };
        const at = Date.now();
        await server.down();
        logger.info({ fault: kind, subscriptionLive }, 'fault injected');
        await sleep(plan.outageMs);
        await server.up();
        records.push({ kind, at, healedAt: Date.now(), ...(subscriptionLive === undefined ? {} : { subscriptionLive }) });
        logger.info({ fault: kind, downForMs: Date.now() - at }, 'server restarted');
      }
    }
  })();
  // Kept until stop(), so that a failed restart is reported there rather than as an unhandled rejection.
  const oneOffsFailure = oneOffs.then(
    () => null,
    (err: unknown) => err,
  );

  return {
    records: () => [...records],
    plannedPids: () => planned,
    async stop() {
      abort.abort();
      const [, failure] = await Promise.all([contentKills, oneOffsFailure]);
      if (failure) throw failure;
      return [...records];
    },
  };
}
