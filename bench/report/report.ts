import type { MachineInfo } from '../lib/machine';
import { gatewaySection } from './gateway-section';
import { goalsSection } from './goals-section';
import type { BenchResults } from './goals-section';
import { jobsSection } from './jobs-section';
import { num } from './markdown';
import { startupSection } from './startup-section';
import { subscriptionsSection } from './subscriptions-section';

/** Where and how a report was made. */
export interface ReportContext {
  /** `YYYY-MM-DD`. */
  date: string;
  machine: MachineInfo;
  /** 1-minute load average at the end. */
  loadAtEnd: number;
  /** Scenarios asked for. */
  scenarios: string[];
  /** Minutes the whole run took. */
  minutes: number;
  /** Lines about things that did not work or were left out. */
  notes: string[];
}

/** What `npm run bench` saves beside its report (`<date>.json`): enough to render it again. */
export interface SavedRun {
  context: ReportContext;
  /** The command-line options of the run. */
  options: unknown;
  results: BenchResults;
}

/** The Markdown report of one `npm run bench`: context, goals, then each scenario's section. */
export function renderReport(results: BenchResults, context: ReportContext): string {
  const { machine } = context;
  const lines = [
    `# Benchmark ${context.date}`,
    '',
    `\`npm run bench${context.scenarios.length < 4 ? ` -- ${context.scenarios.join(' ')}` : ''}\` (bench/main.ts) on commit ${machine.commit}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${num(machine.loadAtStart, 2)} at the start, ${num(context.loadAtEnd, 2)} at the end; ${num(context.minutes, 1)} minutes.`,
    '',
    'Everything here shares two cores: load generator, gateway, subgraphs, workers, Postgres and NATS (and whatever else the machine runs meanwhile). Absolute numbers are noise; **the ratios within this run are the result**. Each service runs in its own process as `npm start` runs it (`node --import tsx`, `NODE_ENV=production`, `LOG_LEVEL=warn`, no Redis: rate limits in memory, `RATE_LIMIT_PER_MINUTE` raised out of the way), on a throw-away database and `NATS_PREFIX`, both deleted afterwards. Seed: the two seed personas, an active three-variant experiment each, 60 posts each written by the offline writer with their variants and emotion trajectories.',
    '',
  ];
  if (context.notes.length) lines.push('Notes:', '', ...context.notes.map((note) => `- ${note}`), '');
  lines.push(goalsSection(results));
  if (results.gateway) lines.push(gatewaySection(results.gateway));
  if (results.subscriptions) lines.push(subscriptionsSection(results.subscriptions));
  if (results.jobs) lines.push(jobsSection(results.jobs));
  if (results.startup) lines.push(startupSection(results.startup));
  return `${lines.join('\n').trimEnd()}\n`;
}
