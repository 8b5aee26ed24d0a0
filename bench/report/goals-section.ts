import type { GatewayScenarioResult } from '../scenarios/gateway';
import type { JobScenarioResult } from '../scenarios/jobs';
import type { StartupRun, StartupScenarioResult } from '../scenarios/startup';
import type { SubscriptionScenarioResult } from '../scenarios/subscriptions';
import type { ProfileSummary } from '../lib/cpu-profile';
import { summarizeRuns } from './gateway-section';
import { num, ratio, table, verdict } from './markdown';
import { statementCell } from './pg-activity-section';
import { topGroups } from './profile-section';

/** The results of one `npm run bench` (a scenario not run is absent). */
export interface BenchResults {
  gateway?: GatewayScenarioResult;
  subscriptions?: SubscriptionScenarioResult;
  jobs?: JobScenarioResult;
  startup?: StartupScenarioResult;
}

/** A goal: what, the figure measured, where the CPU went meanwhile, its profile (a pointer to the section, with the top of it), verdict. */
type Goal = [string, string, string, string, string];

const pct = (value: number) => `${num(value)} %`;

/** A pointer to a profile's section with its largest groups, or why there is none. */
function profilePointer(where: string, profile: ProfileSummary | null | undefined, note: string | undefined): string {
  return profile ? `${where}: ${topGroups(profile)}` : `${where}: no profile (${note ?? 'not profiled in this run'})`;
}

/** Where the CPU went during one target's runs (means over the rounds). */
function gatewayCpu(result: GatewayScenarioResult, target: 'ours' | 'bare' | 'hive', run: 'identical' | 'distinct'): string {
  const runs = result.runs.filter((r) => r.target === target && r.run === run);
  if (!runs.length) return '';
  const mean = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return `gateway ${pct(mean((r) => r.usage.cpuPercent))}, subgraphs ${pct(mean((r) => r.subgraphsCpuPercent))}, Postgres ${pct(mean((r) => r.postgresCpuPercent))}, autocannon ${pct(mean((r) => r.load.loadCpuPercent))}; machine ${pct(mean((r) => r.machineCpuPercent))} of 200 %`;
}

function gatewayGoals(result: GatewayScenarioResult): Goal[] {
  const goals: Goal[] = [];
  const profiles = {
    identical: profilePointer('section 1, our gateway', result.profile, result.profileNote),
    distinct: profilePointer('section 1, the content subgraph', result.contentProfile?.profile, result.contentProfile?.note ?? result.contentProfileNote),
  };
  for (const run of ['identical', 'distinct'] as const) {
    const [ours, bare, hive] = [summarizeRuns(result, 'ours', run), summarizeRuns(result, 'bare', run), summarizeRuns(result, 'hive', run)];
    const judge = (a: number | undefined, b: number | undefined, ok: (a: number, b: number) => boolean) => (a === undefined || b === undefined ? null : ok(a, b));
    const cpu = `ours: ${gatewayCpu(result, 'ours', run)}`;
    goals.push(
      [`Gateway (${run}): RPS at least Hive Gateway + Rust planner's`, `ours ${num(ours?.rps)} vs Hive ${num(hive?.rps)} RPS (${ratio(ours?.rps, hive?.rps)})`, `${cpu}. Hive: ${gatewayCpu(result, 'hive', run)}`, profiles[run], verdict(judge(ours?.rps, hive?.rps, (a, b) => a >= b))],
      [`Gateway (${run}): RPS at least 4x bare @apollo/gateway`, `ours ${num(ours?.rps)} vs bare ${num(bare?.rps)} RPS (${ratio(ours?.rps, bare?.rps)})`, `${cpu}. Bare: ${gatewayCpu(result, 'bare', run)}`, profiles[run], verdict(judge(ours?.rps, bare?.rps, (a, b) => a >= 4 * b))],
      [`Gateway (${run}): p95 at most 1/4 of bare's`, `ours ${num(ours?.p95)} ms vs bare ${num(bare?.p95)} ms (${ratio(ours?.p95, bare?.p95)})`, cpu, profiles[run], verdict(judge(ours?.p95, bare?.p95, (a, b) => a <= b / 4))],
    );
  }
  const check = result.checks.find((c) => c.target === 'ours');
  goals.push(['Gateway: responses in query key order', check ? check.detail : 'our gateway not checked', '', '', verdict(check ? check.ok : null)]);
  const distinctRuns = result.runs.filter((r) => r.target === 'ours' && r.run === 'distinct');
  if (distinctRuns.length) {
    const totals = new Map<string, { requests: number; statements: number }>();
    for (const r of distinctRuns) {
      for (const [name, c] of Object.entries(r.perSubgraph)) {
        const total = totals.get(name) ?? { requests: 0, statements: 0 };
        totals.set(name, { requests: total.requests + c.requests, statements: total.statements + c.statements });
      }
    }
    const perRequest = [...totals].map(([name, c]) => `${name} ${num(c.statements / c.requests, 2)}`);
    // Per-request counts are whole numbers: 2 % is room for requests at the edges of the run, not for a second statement.
    const met = [...totals.values()].every((c) => c.statements <= c.requests * 1.02);
    goals.push(['One SQL statement per subgraph per request (cross-subgraph query, distinct run, our gateway)', `SQL statements per subgraph request: ${perRequest.join(', ')}`, '', '', verdict(met)]);
  }
  return goals;
}

function subscriptionGoals(result: SubscriptionScenarioResult): Goal[] {
  const largest = result.tiers.find((t) => t.subscribers === 10_000);
  const cpu = largest ? `gateway ${pct(largest.cpuPercent)}, subscriber load processes ${pct(largest.loadCpuPercent)}; machine ${pct(largest.machineCpuPercent)} of 200 %` : '';
  const profile = profilePointer(`section 2, the gateway at ${num(result.profiledSubscribers)}`, result.profile?.profile, result.profile?.note);
  const costs = result.tiers.map((t) => t.subgraphRequestsPerEvent).filter(Number.isFinite);
  const independent = costs.length >= 2 ? Math.max(...costs) <= Math.max(1.5 * Math.min(...costs), Math.min(...costs) + 0.5) : null;
  return [
    [
      'Subscriptions: 10,000 subscribers to one job on one gateway, fan-out p99 under 250 ms',
      largest ? `${num(largest.subscribed)} opened, p99 ${num(largest.latencyP99)} ms, ${num(largest.delivered)} / ${num(largest.expected)} delivered` : `10,000 not run (${result.skipped.join('; ') || 'not asked'})`,
      cpu,
      profile,
      verdict(largest ? largest.subscribed === 10_000 && largest.latencyP99 < 250 && largest.delivered === largest.expected : null),
    ],
    ['Subscriptions: gateway RSS under 1 GiB at 10,000', largest ? `peak ${num(largest.peakRssMiB)} MiB (${num(largest.rssSubscribedMiB)} MiB once all were open)` : 'not run', '', profile, verdict(largest ? largest.peakRssMiB < 1024 : null)],
    [
      'Subscriptions: cost per event independent of the number of subscribers in a group',
      `subgraph requests per event: ${result.tiers.map((t) => `${num(t.subscribers)}: ${num(t.subgraphRequestsPerEvent, 2)}`).join(', ')}`,
      '',
      '',
      verdict(independent),
    ],
  ];
}

/** A start-up run's largest phases, e.g. `first: services ... 6.1 s, dashboard build 1.3 s`. */
function startupPointer(run: StartupRun): string {
  // Reports saved before the breakdown existed have none.
  if (!run.timeline) return `${run.label}: no breakdown`;
  const largest = [...run.timeline.phases].sort((a, b) => b.seconds - a.seconds).slice(0, 2);
  return `${run.label}: ${largest.map((p) => `${p.name} ${num(p.seconds, 1)} s`).join(', ')}`;
}

/** The goals of issue 11, each with this run's figure and whether it is met. */
export function goalsSection(results: BenchResults): string {
  const goals: Goal[] = [];
  if (results.gateway) goals.push(...gatewayGoals(results.gateway));
  if (results.subscriptions) goals.push(...subscriptionGoals(results.subscriptions));
  if (results.jobs) {
    const { batch, postgres } = results.jobs;
    const top = postgres?.statements[0];
    const database = postgres
      ? `; Postgres: ${num(postgres.meanActive, 1)} statements at once on average${top ? `, the largest ${num(top.percent)} % of the samples (${top.application}: ${statementCell(top.statement, 80)})` : ''}`
      : '';
    goals.push([
      'Jobs: at least 1,000 jobs/s through the worker pipeline',
      `${num(batch.completedPerSecond, 1)} completed jobs/s (${num(batch.statuses.COMPLETED ?? 0)} of ${num(batch.jobs)} jobs completed within ${results.jobs.budgetSeconds} s); posts = completed jobs, none lost, none doubled: ${batch.lost === 0 && batch.doubled === 0 ? 'yes' : '**no**'}`,
      Object.entries(batch.cpuPercent)
        .map(([name, value]) => `${name} ${pct(value)}`)
        .join(', '),
      `${profilePointer("section 3, content's worker", results.jobs.workerProfile?.profile, results.jobs.workerProfile?.note)}${database}`,
      verdict(batch.completedPerSecond >= 1000),
    ]);
  }
  if (results.startup) {
    const times = results.startup.runs.map((r) => r.seconds);
    goals.push([
      '`npm start` to ready under 10 s',
      results.startup.runs.map((r) => `${r.label}: ${num(r.seconds, 1)} s${r.builtDashboard ? ' (dashboard built)' : ''}`).join(', '),
      results.startup.runs.map((r) => `${r.label}: machine ${pct(r.machineCpuPercent)} of 200 %`).join(', '),
      `section 4: ${results.startup.runs.map(startupPointer).join('; ')}`,
      verdict(times.every((t) => t !== null) ? times.every((t) => t! < 10) : false),
    ]);
  }
  return [
    '## Goals of issue 11 in this run',
    '',
    'CPU in % of one core over the measurement (200 % = both cores), to tell what limited it. "Profile" points to the section with the CPU profile (or the breakdown) of what limited it, with its largest shares of self time.',
    '',
    table(['goal', 'measured', 'where the CPU went', 'profile', 'verdict'], goals),
    '',
  ].join('\n');
}
