import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/logger';
import type { ProfileSummary } from '../lib/cpu-profile';
import { bearer, postGraphQL } from '../lib/graphql-client';
import { runHttpLoad } from '../lib/http-load';
import type { HttpLoadResult, LoadVariant } from '../lib/http-load';
import { SUBGRAPH_NAMES } from '../lib/platform';
import type { Platform, SubgraphCount } from '../lib/platform';
import { sampleMachine, sampleProcess, sampleProcessesNamed } from '../lib/process-sampler';
import type { ProcessUsage } from '../lib/process-sampler';
import { scrapeMetrics } from '../lib/prometheus';
import type { SeededData } from '../lib/seed';
import type { LaunchedService } from '../lib/service-launcher';
import {
  CONTENT_POSTS_QUERY,
  ENGAGEMENT_MUTATION,
  IDENTICAL_VARIABLES,
  POSTS_QUERY,
  distinctVariables,
  engagementVariables,
  expectedContentPosts,
  expectedEngagement,
  expectedPosts,
} from './gateway-operations';
import type { Variables } from './gateway-operations';
import { profileContentSubgraph, profileOurGateway } from './gateway-profiles';
import type { SubgraphProfileRun } from './gateway-profiles';

/** What answers the load: a gateway, or the content subgraph alone (the ceiling). */
export type TargetName = 'ours' | 'bare' | 'hive' | 'ceiling';
/** The three timed runs of a target. */
export type RunName = 'identical' | 'distinct' | 'mutation';

/** Report labels of the targets. */
export const TARGET_LABELS: Record<TargetName, string> = {
  ours: 'our gateway',
  bare: 'bare @apollo/gateway',
  hive: 'Hive Gateway + Rust planner',
  ceiling: 'ceiling: content subgraph alone',
};

/** One timed run. */
export interface GatewayRun {
  target: TargetName;
  run: RunName;
  /** 1-based round. */
  round: number;
  load: HttpLoadResult;
  /** CPU and peak RSS of the gateway process (of the content subgraph for the ceiling). */
  usage: ProcessUsage;
  /** CPU of the four subgraph processes together, % of one core. */
  subgraphsCpuPercent: number;
  /** CPU of the whole machine (everything running on it), % of one core. */
  machineCpuPercent: number;
  /** CPU of Postgres (server and backends), % of one core. */
  postgresCpuPercent: number;
  /** Requests the four subgraphs received per operation. */
  subgraphRequestsPerOp: number;
  /** SQL statements the subgraphs ran per operation. */
  sqlPerOp: number;
  /** Requests and SQL statements per operation, by subgraph (those that got any). */
  perSubgraph: Record<string, SubgraphCount>;
  /** `gateway_subgraph_fetches_total` per operation (our gateway only). */
  gatewayFetchesPerOp: number | null;
}

/** How a target fared before timing: started, and every response equal to the reference. */
export interface TargetCheck {
  target: TargetName;
  ok: boolean;
  /** What was checked, or why it failed. */
  detail: string;
}

/** Everything the gateway scenario measured. */
export interface GatewayScenarioResult {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  runs: GatewayRun[];
  checks: TargetCheck[];
  /** `--cpu-prof` of our gateway during an extra identical run. */
  profile: ProfileSummary | null;
  profileNote: string;
  /** The content subgraph's profile during an extra distinct-variables run of our gateway (null: not run, see `contentProfileNote`). */
  contentProfile: SubgraphProfileRun | null;
  contentProfileNote: string;
}

/** Options of {@link runGatewayScenario}. */
export interface GatewayScenarioOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Rounds of the three runs over every target (two). */
  rounds: number;
  /** Root of the `.cpuprofile` folders (git-ignored). */
  profileDir: string;
  logger: Logger;
}

/** Pause after a load run before counters are read (ms). */
const QUIET_MS = 1000;

interface Target {
  name: TargetName;
  url: string;
  /** Headers of every request (fresh: a gateway credential lives 60 s). */
  headers(): Promise<Record<string, string>>;
  pid: number;
  adminPort: number | null;
  queries: Record<RunName, string>;
}

interface PreparedRun {
  run: RunName;
  variables: Variables[];
  /** Reference `data` per variables. */
  expected: unknown[];
}

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;

/**
 * Sends every request of every run once and compares each response with the reference: no
 * errors, and `data` equal to it with keys in query order. Returns the exact bodies, which every
 * response of the timed runs must then repeat byte for byte.
 */
async function verify(target: Target, runs: PreparedRun[]): Promise<{ bodies: Record<RunName, LoadVariant[]> } | { failure: string }> {
  const bodies = {} as Record<RunName, LoadVariant[]>;
  const headers = await target.headers();
  for (const prepared of runs) {
    bodies[prepared.run] = [];
    for (const [i, variables] of prepared.variables.entries()) {
      const query = target.queries[prepared.run];
      const response = await postGraphQL(target.url, query, variables, headers);
      const want = JSON.stringify(prepared.expected[i]);
      const got = JSON.stringify(response.data);
      if (response.status !== 200 || response.errors?.length || got !== want) {
        const order = response.data && JSON.stringify(canonical(response.data)) === JSON.stringify(canonical(prepared.expected[i])) ? ' (same data, keys not in query order)' : '';
        return { failure: `${prepared.run} request ${i} (${JSON.stringify(variables)}): HTTP ${response.status}${order}: ${response.text.slice(0, 300)}` };
      }
      bodies[prepared.run].push({ body: JSON.stringify({ query, variables }), expected: response.text });
    }
  }
  return { bodies };
}

async function timedRun(platform: Platform, target: Target, run: RunName, variants: LoadVariant[], options: GatewayScenarioOptions): Promise<Omit<GatewayRun, 'round'>> {
  const load = { url: target.url, connections: options.connections, variants };
  if (options.warmupSeconds > 0) await runHttpLoad({ ...load, durationSeconds: options.warmupSeconds, headers: await target.headers() });
  const fetches = async () => (target.adminPort ? (await scrapeMetrics(target.adminPort)).sum('gateway_subgraph_fetches_total') : 0);
  // Requests still in flight when a run stops are finished by the server meanwhile.
  await sleep(QUIET_MS);
  const [countersBefore, fetchesBefore] = await Promise.all([platform.subgraphCounters(), fetches()]);
  const sampler = sampleProcess(target.pid);
  const subgraphSamplers = SUBGRAPH_NAMES.map((name) => sampleProcess(platform.subgraphs[name].pid, 1000));
  const machine = sampleMachine(cpus().length);
  const postgres = sampleProcessesNamed('postgres');
  const result = await runHttpLoad({ ...load, durationSeconds: options.durationSeconds, headers: await target.headers() });
  const usage = sampler.stop();
  const subgraphsCpuPercent = subgraphSamplers.reduce((sum, s) => sum + s.stop().cpuPercent, 0);
  const machineCpuPercent = machine.stop();
  const postgresCpuPercent = postgres.stop();
  await sleep(QUIET_MS);
  const [countersAfter, fetchesAfter] = await Promise.all([platform.subgraphCounters(), fetches()]);
  // Every request sent is served, answered in time or not.
  const ops = Math.max(1, result.sent);
  options.logger.info(
    { target: target.name, run, rps: Math.round(result.rps), p95: result.p95, errors: result.errors + result.non2xx + result.mismatches, cpu: Math.round(usage.cpuPercent) },
    'gateway run done',
  );
  return {
    target: target.name,
    run,
    load: result,
    usage,
    subgraphsCpuPercent,
    machineCpuPercent,
    postgresCpuPercent,
    subgraphRequestsPerOp: (countersAfter.requests - countersBefore.requests) / ops,
    sqlPerOp: (countersAfter.statements - countersBefore.statements) / ops,
    perSubgraph: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => {
        const [a, b] = [countersAfter.bySubgraph[name], countersBefore.bySubgraph[name]];
        return [name, { requests: (a.requests - b.requests) / ops, statements: (a.statements - b.statements) / ops }];
      }).filter(([, count]) => (count as SubgraphCount).requests > 0),
    ),
    gatewayFetchesPerOp: target.adminPort ? (fetchesAfter - fetchesBefore) / ops : null,
  };
}

function gatewayTarget(name: TargetName, service: LaunchedService, headers: () => Promise<Record<string, string>>): Target {
  return {
    name,
    url: service.ready.url!,
    headers,
    pid: service.pid,
    adminPort: name === 'ours' ? service.ready.adminPort! : null,
    queries: { identical: POSTS_QUERY, distinct: POSTS_QUERY, mutation: ENGAGEMENT_MUTATION },
  };
}

/** Starts a target's process; the ceiling starts nothing (the content subgraph runs already). */
async function startTarget(platform: Platform, name: TargetName): Promise<{ target: Target; service: LaunchedService | null }> {
  const token = async () => bearer(platform.env.userToken);
  if (name === 'ours') {
    const service = await platform.startGateway();
    return { service, target: gatewayTarget(name, service, token) };
  }
  if (name === 'bare' || name === 'hive') {
    const service = await platform.startComparisonGateway(name === 'bare' ? 'bare-apollo-gateway' : 'hive-gateway');
    return { service, target: gatewayTarget(name, service, token) };
  }
  return {
    service: null,
    target: {
      name,
      url: platform.subgraphUrls.content,
      headers: () => platform.env.gatewayHeaders('content'),
      pid: platform.subgraphs.content.pid,
      adminPort: null,
      queries: { identical: CONTENT_POSTS_QUERY, distinct: CONTENT_POSTS_QUERY, mutation: ENGAGEMENT_MUTATION },
    },
  };
}

/**
 * The gateway scenario: our gateway, bare `@apollo/gateway` and Hive Gateway with the Rust
 * planner, each in its own process on the same subgraphs and data, plus the content subgraph
 * alone (the ceiling). Each target first answers every request once, checked against the
 * reference; then `rounds` rounds, each timing, run by run and target by target (so that what
 * else the machine does meanwhile falls on all of them alike), `connections` connections for
 * `durationSeconds` after a warm-up: the identical query, the query with distinct variables, the
 * mutation. Then one more identical run of our gateway under `--cpu-prof`, and one more distinct
 * run with the content subgraph profiling itself.
 */
export async function runGatewayScenario(platform: Platform, seeded: SeededData, options: GatewayScenarioOptions): Promise<GatewayScenarioResult> {
  const distinct = distinctVariables(seeded);
  const mutation = engagementVariables(seeded);
  const mutationRun: PreparedRun = { run: 'mutation', variables: mutation, expected: await Promise.all(mutation.map((v) => expectedEngagement(platform, v))) };
  const queryRuns = async (expected: (platform: Platform, variables: Variables) => Promise<unknown>): Promise<PreparedRun[]> => [
    { run: 'identical', variables: [IDENTICAL_VARIABLES], expected: [await expected(platform, IDENTICAL_VARIABLES)] },
    { run: 'distinct', variables: distinct, expected: await Promise.all(distinct.map((v) => expected(platform, v))) },
    mutationRun,
  ];
  const gatewayRuns = await queryRuns(expectedPosts);
  const ceilingRuns = await queryRuns(expectedContentPosts);
  const result: GatewayScenarioResult = {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    rounds: options.rounds,
    runs: [],
    checks: [],
    profile: null,
    profileNote: '',
    contentProfile: null,
    contentProfileNote: '',
  };
  const ready: Array<{ target: Target; service: LaunchedService | null; bodies: Record<RunName, LoadVariant[]> }> = [];
  try {
    for (const name of ['ours', 'bare', 'hive', 'ceiling'] as const) {
      let started: Awaited<ReturnType<typeof startTarget>>;
      try {
        started = await startTarget(platform, name);
      } catch (err) {
        result.checks.push({ target: name, ok: false, detail: `did not start: ${err instanceof Error ? err.message.split('\n').slice(0, 6).join(' / ') : String(err)}` });
        continue;
      }
      const prepared = name === 'ceiling' ? ceilingRuns : gatewayRuns;
      const verified = await verify(started.target, prepared);
      if ('failure' in verified) {
        result.checks.push({ target: name, ok: false, detail: verified.failure });
        await started.service?.stop();
        continue;
      }
      result.checks.push({ target: name, ok: true, detail: `${prepared.map((p) => `${p.variables.length} ${p.run}`).join(', ')} requests answered exactly as the reference (keys in query order)` });
      ready.push({ ...started, bodies: verified.bodies });
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const run of ['identical', 'distinct', 'mutation'] as const) {
        for (const { target, bodies } of ready) result.runs.push({ ...(await timedRun(platform, target, run, bodies[run], options)), round });
      }
    }
  } finally {
    await Promise.all(ready.map(({ service }) => service?.stop()));
  }
  const ours = ready.find(({ target }) => target.name === 'ours');
  if (!ours) {
    result.profileNote = 'not profiled: our gateway did not pass its checks';
    result.contentProfileNote = result.profileNote;
    return result;
  }
  const failure = (err: unknown) => `profiling failed: ${err instanceof Error ? err.message : String(err)}`;
  try {
    const { profile, note } = await profileOurGateway(platform, ours.bodies.identical, 'identical', options);
    result.profile = profile;
    result.profileNote = note;
  } catch (err) {
    result.profileNote = failure(err);
  }
  try {
    result.contentProfile = await profileContentSubgraph(platform, ours.bodies.distinct, options);
    options.logger.info({ rps: Math.round(result.contentProfile.rps), cpu: result.contentProfile.cpuPercent }, 'content subgraph profiled');
  } catch (err) {
    result.contentProfileNote = failure(err);
  }
  return result;
}
