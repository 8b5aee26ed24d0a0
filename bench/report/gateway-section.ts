import type { GatewayRun, GatewayScenarioResult, RunName, TargetName } from '../scenarios/gateway';
import { TARGET_LABELS } from '../scenarios/gateway';
import { num, ratio, table } from './markdown';
import { profileSection } from './profile-section';

/** A target's run averaged over the rounds. */
export interface RunSummary {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Errors, non-2xx and mismatches, summed. */
  errors: number;
  rounds: number;
}

/** The rounds of one target's run, averaged (RPS and each percentile: the mean over rounds); undefined when it never ran. */
export function summarizeRuns(result: GatewayScenarioResult, target: TargetName, run: RunName): RunSummary | undefined {
  const runs: GatewayRun[] = result.runs.filter((r) => r.target === target && r.run === run);
  if (runs.length === 0) return undefined;
  const mean = (pick: (r: GatewayRun) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    rps: mean((r) => r.load.rps),
    p50: mean((r) => r.load.p50),
    p95: mean((r) => r.load.p95),
    p99: mean((r) => r.load.p99),
    errors: runs.reduce((sum, r) => sum + r.load.errors + r.load.non2xx + r.load.mismatches, 0),
    rounds: runs.length,
  };
}

const RUN_ORDER: RunName[] = ['identical', 'distinct', 'mutation'];
const TARGET_ORDER: TargetName[] = ['ours', 'bare', 'hive', 'ceiling'];

const RUN_LABELS: Record<RunName, string> = {
  identical: 'query, identical requests',
  distinct: 'query, distinct variables',
  mutation: 'mutation (recordEngagement)',
};

/** The gateway scenario's section of the report: checks, runs, ratios and the two profiles. */
export function gatewaySection(result: GatewayScenarioResult): string {
  const lines: string[] = ['## 1. Gateway', ''];
  lines.push(
    `${result.connections} connections, ${result.durationSeconds} s per run after a ${result.warmupSeconds} s warm-up, ${result.rounds} rounds (each round runs every target in turn, run by run, so that whatever else the machine does falls on all of them alike); autocannon in its own process; each gateway in its own process on the same four subgraph processes and data. ` +
      'The query: `posts(first: $first, filter: $filter) { edges { node { id hook persona { name } variant { name } emotionTrajectory { trajectoryType dominantEmotion } } } }` (content, experiments, emotion). ' +
      '"Identical": every request `first: 50`; "distinct": 66 different variable sets (`first` 40..50 x six filters) sent round-robin, so concurrent requests rarely share a subgraph fetch; "mutation": `recordEngagement` on 120 posts in turn. ' +
      'The ceiling is the content subgraph answering its part of the query (and the mutation) directly, with a gateway credential: an upper bound, one of the three fetches.',
    '',
    '### Checks before timing',
    '',
    'Every request of every run was sent once and its `data` compared with the reference assembled from the subgraphs themselves (keys in query order); during the timed runs every response is compared byte for byte with the verified one (mismatches are counted as errors).',
    '',
    table(
      ['target', 'result'],
      result.checks.map((check) => [TARGET_LABELS[check.target], `${check.ok ? 'ok' : '**failed**'}: ${check.detail}`]),
    ),
    '',
    '### Runs',
    '',
    'CPU is the gateway process\'s (the content subgraph\'s for the ceiling), in % of one core (200 % = the whole machine); RSS its peak; "subgraphs CPU" the four subgraph processes together, "load CPU" autocannon\'s, "Postgres CPU" the server\'s and its backends\', "machine CPU" everything on the machine (Postgres, NATS and the workers included; 200 % = saturated). Subgraph requests and SQL statements are counted at the four subgraphs, per operation sent. "Fetches/op" is our gateway\'s own `gateway_subgraph_fetches_total`.',
    '',
    table(
      ['target', 'run', 'round', 'RPS', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU %', 'peak RSS MiB', 'subgraphs CPU %', 'load CPU %', 'Postgres CPU %', 'machine CPU %', 'subgraph req/op', 'SQL/op', 'fetches/op'],
      [...result.runs].sort((a, b) => RUN_ORDER.indexOf(a.run) - RUN_ORDER.indexOf(b.run) || TARGET_ORDER.indexOf(a.target) - TARGET_ORDER.indexOf(b.target) || a.round - b.round).map((r) => [
        TARGET_LABELS[r.target],
        r.run,
        r.round,
        num(r.load.rps),
        num(r.load.p50),
        num(r.load.p95),
        num(r.load.p99),
        num(r.load.errors + r.load.non2xx + r.load.mismatches),
        num(r.usage.cpuPercent),
        num(r.usage.peakRssMiB),
        num(r.subgraphsCpuPercent),
        num(r.load.loadCpuPercent),
        num(r.postgresCpuPercent),
        num(r.machineCpuPercent),
        num(r.subgraphRequestsPerOp, 2),
        num(r.sqlPerOp, 2),
        r.gatewayFetchesPerOp === null ? '' : num(r.gatewayFetchesPerOp, 2),
      ]),
    ),
    '',
  );
  const failures = result.runs.filter((r) => r.load.mismatches > 0);
  for (const r of failures) lines.push(`- ${TARGET_LABELS[r.target]} ${r.run}: ${r.load.mismatches} responses differed from the verified body; first: \`${(r.load.firstMismatch ?? '').slice(0, 200)}\``);
  if (failures.length) lines.push('');
  lines.push(
    '### Ratios (the result: same machine, same minutes)',
    '',
    `Of the means over the ${result.rounds} rounds.`,
    '',
    table(
      ['run', 'ours / bare RPS', 'Hive / bare RPS', 'ours / Hive RPS', 'ours / ceiling RPS', 'Hive / ceiling RPS', 'ours / bare p95', 'ours / Hive p95'],
      (['identical', 'distinct', 'mutation'] as const).map((run) => {
        const get = (target: TargetName) => summarizeRuns(result, target, run);
        const [ours, bare, hive, ceiling] = [get('ours'), get('bare'), get('hive'), get('ceiling')];
        return [
          RUN_LABELS[run],
          ratio(ours?.rps, bare?.rps),
          ratio(hive?.rps, bare?.rps),
          ratio(ours?.rps, hive?.rps),
          ratio(ours?.rps, ceiling?.rps),
          ratio(hive?.rps, ceiling?.rps),
          ratio(ours?.p95, bare?.p95),
          ratio(ours?.p95, hive?.p95),
        ];
      }),
    ),
    '',
  );
  lines.push(
    profileSection(
      '### Profile of our gateway (identical query, `--cpu-prof`)',
      `One more identical run of ${result.durationSeconds} s (after a warm-up) with our gateway under \`node --cpu-prof\`; only the samples of that run are counted (not the start-up):`,
      result.profile,
      result.profileNote,
    ),
  );
  const content = result.contentProfile;
  const cpu = content ? Object.entries(content.cpuPercent).map(([name, value]) => `${name} ${num(value)} %`).join(', ') : '';
  lines.push(
    profileSection(
      '### Profile of the content subgraph (distinct variables, our gateway)',
      `One more distinct-variables run of ${result.durationSeconds} s (after a warm-up) through a fresh process of our gateway, while the content subgraph's process profiled itself (V8's profiler started and stopped over IPC, 1 ms sampling as \`--cpu-prof\`, so only that run is sampled)${content ? `: ${num(content.rps)} RPS; CPU meanwhile, % of one core: ${cpu}` : ''}.`,
      content?.profile ?? null,
      // Reports saved before this profile existed have neither field.
      content?.note ?? result.contentProfileNote ?? 'not profiled in this run',
    ),
  );
  return lines.join('\n');
}
