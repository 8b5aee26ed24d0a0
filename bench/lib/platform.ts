import { PORT_VARIABLES } from '../../scripts/lib/platform-services';
import type { BenchEnvironment } from './environment';
import { scrapeMetrics } from './prometheus';
import { launchService } from './service-launcher';
import type { LaunchedService } from './service-launcher';

/** The four subgraphs of the supergraph. */
export const SUBGRAPH_NAMES = ['content', 'achievements', 'experiments', 'emotion'] as const;
/** One of {@link SUBGRAPH_NAMES}. */
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Workers the bench runs (achievements' worker only handles GitHub deliveries, unused here). */
export type WorkerName = 'content' | 'experiments' | 'emotion';

/** Requests and SQL statements of one subgraph. */
export interface SubgraphCount {
  /** `graphql_requests_total` (requests the gateway made). */
  requests: number;
  /** SQL statements it ran. */
  statements: number;
}

/** Counters read at the subgraphs: summed over the four, and by subgraph. */
export interface SubgraphCounters extends SubgraphCount {
  bySubgraph: Record<SubgraphName, SubgraphCount>;
}

/** The subgraphs (and workers) of one bench run, each in its own process on free ports. */
export interface Platform {
  env: BenchEnvironment;
  /** Environment of every service (the bench environment's, ports 0). */
  serviceEnv: NodeJS.ProcessEnv;
  subgraphs: Record<SubgraphName, LaunchedService>;
  /** `http://127.0.0.1:<port>/graphql` of each subgraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Starts (or restarts) a worker with extra variables, e.g. `OFFLINE_TOKEN_DELAY_MS`, and Node flags (e.g. `--cpu-prof`). */
  startWorker(name: WorkerName, overrides?: NodeJS.ProcessEnv, nodeArgs?: string[]): Promise<LaunchedService>;
  /** Stops a worker (SIGTERM, SIGKILL after `graceMs`: 10 s by default). */
  stopWorker(name: WorkerName, graceMs?: number): Promise<void>;
  /** The workers running now, by name. */
  workers(): Partial<Record<WorkerName, LaunchedService>>;
  /**
   * Starts the project's gateway (`gateway/src/main.ts`) in its own process on the subgraphs,
   * with `overrides` and Node flags (e.g. `--cpu-prof`).
   */
  startGateway(overrides?: NodeJS.ProcessEnv, nodeArgs?: string[]): Promise<LaunchedService>;
  /** Starts a comparison gateway of `bench/processes/` in its own process on the subgraphs. */
  startComparisonGateway(kind: 'bare-apollo-gateway' | 'hive-gateway'): Promise<LaunchedService>;
  /** The subgraphs' counters now (take two readings and subtract). */
  subgraphCounters(): Promise<SubgraphCounters>;
  /** Stops every process still running (gateways started here included). */
  stop(): Promise<void>;
}

/** Variables that let one client send a benchmark's load: the per-principal rate limit out of the way. */
export const GATEWAY_BENCH_ENV: NodeJS.ProcessEnv = {
  GATEWAY_HOST: '127.0.0.1',
  RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
};

/**
 * Starts the four subgraphs (each through `bench/processes/counted-subgraph.ts`: the subgraph's
 * own server plus a count of its SQL statements) and the content, experiments and emotion
 * workers, each in its own process as `npm start` runs them, over the bench environment.
 * Content's worker writes at zero token delay unless restarted otherwise.
 *
 * @throws {LaunchError} when one does not start (the others are stopped)
 */
export async function startPlatform(env: BenchEnvironment): Promise<Platform> {
  const serviceEnv: NodeJS.ProcessEnv = { ...env.serviceEnv, ...Object.fromEntries(PORT_VARIABLES.map((name) => [name, '0'])) };
  const running: LaunchedService[] = [];
  const workers = new Map<WorkerName, LaunchedService>();
  const track = (service: LaunchedService) => {
    running.push(service);
    return service;
  };
  const stopAll = async () => {
    const services = [...running].reverse();
    running.length = 0;
    await Promise.all(services.map((service) => service.stop()));
  };
  try {
    // The first one provisions the NATS streams alone; the others then start side by side.
    const subgraphs = {} as Record<SubgraphName, LaunchedService>;
    const launchSubgraph = async (name: SubgraphName) => {
      subgraphs[name] = track(await launchService({ name, entry: 'bench/processes/counted-subgraph.ts', args: [name], env: serviceEnv }));
    };
    await launchSubgraph(SUBGRAPH_NAMES[0]);
    await Promise.all(SUBGRAPH_NAMES.slice(1).map(launchSubgraph));
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].ready.url!])) as Record<SubgraphName, string>;
    const startWorker = async (name: WorkerName, overrides: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) => {
      await stopWorker(name);
      const worker = track(
        await launchService({
          name: `${name}-worker`,
          entry: `subgraphs/${name}/src/main.ts`,
          args: ['worker'],
          nodeArgs,
          env: { ...serviceEnv, OFFLINE_TOKEN_DELAY_MS: '0', ...overrides },
        }),
      );
      workers.set(name, worker);
      return worker;
    };
    const stopWorker = async (name: WorkerName, graceMs?: number) => {
      const worker = workers.get(name);
      if (!worker) return;
      workers.delete(name);
      running.splice(running.indexOf(worker), 1);
      await worker.stop(graceMs);
    };
    await Promise.all((['experiments', 'emotion', 'content'] as const).map((name) => startWorker(name)));
    return {
      env,
      serviceEnv,
      subgraphs,
      subgraphUrls,
      startWorker,
      stopWorker,
      workers: () => Object.fromEntries(workers),
      async startGateway(overrides = {}, nodeArgs = []) {
        return track(
          await launchService({
            name: 'gateway',
            entry: 'gateway/src/main.ts',
            nodeArgs,
            env: {
              ...serviceEnv,
              ...GATEWAY_BENCH_ENV,
              CONTENT_URL: subgraphUrls.content,
              ACHIEVEMENTS_URL: subgraphUrls.achievements,
              EXPERIMENTS_URL: subgraphUrls.experiments,
              EMOTION_URL: subgraphUrls.emotion,
              ...overrides,
            },
          }),
        );
      },
      async startComparisonGateway(kind) {
        return track(
          await launchService({
            name: kind,
            entry: `bench/processes/${kind}.ts`,
            env: {
              ...serviceEnv,
              BENCH_GATEWAY_PORT: '0',
              CONTENT_URL: subgraphUrls.content,
              ACHIEVEMENTS_URL: subgraphUrls.achievements,
              EXPERIMENTS_URL: subgraphUrls.experiments,
              EMOTION_URL: subgraphUrls.emotion,
            },
          }),
        );
      },
      async subgraphCounters() {
        const readings = await Promise.all(
          SUBGRAPH_NAMES.map(async (name) => {
            const [scrape, sql] = await Promise.all([
              scrapeMetrics(subgraphs[name].ready.adminPort!),
              subgraphs[name].ask<{ statements: number }>({ type: 'sql-count' }, 'sql-count'),
            ]);
            return { requests: scrape.sum('graphql_requests_total'), statements: sql.statements };
          }),
        );
        return {
          requests: readings.reduce((sum, r) => sum + r.requests, 0),
          statements: readings.reduce((sum, r) => sum + r.statements, 0),
          bySubgraph: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, readings[i]!])) as Record<SubgraphName, SubgraphCount>,
        };
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
