// `npm run bench [-- <scenario>...] [--duration=10] [--warmup=2] [--rounds=2] [--subscribers=1000,5000,10000]
// [--jobs=10000] [--jobs-budget=300]`: the benchmark suite of issue 11 (gateway, subscriptions,
// jobs, startup; all four by default). Starts what it measures on a throw-away database and NATS
// prefix, checks every response before timing, and writes bench/results/<YYYY-MM-DD>.md (plus
// the raw numbers as .json); a partial run writes <YYYY-MM-DD>-<scenarios>.md. Not part of `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../lib/logger';
import { BENCH_DIR } from './lib/bench-packages';
import { createBenchEnvironment } from './lib/environment';
import type { BenchEnvironment } from './lib/environment';
import { currentLoad, describeMachine } from './lib/machine';
import { startPlatform } from './lib/platform';
import type { Platform } from './lib/platform';
import { seedPlatform } from './lib/seed';
import type { BenchResults } from './report/goals-section';
import { renderReport } from './report/report';
import type { ReportContext, SavedRun } from './report/report';
import { runGatewayScenario } from './scenarios/gateway';
import { runJobScenario } from './scenarios/jobs';
import { runStartupScenario } from './scenarios/startup';
import { runSubscriptionScenario } from './scenarios/subscriptions';

const SCENARIOS = ['gateway', 'subscriptions', 'jobs', 'startup'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Seeded posts per persona (the gateway query reads 50 of them, per persona too). */
const POSTS_PER_PERSONA = 60;
/** Root of the CPU profiles (git-ignored), one folder per profiled process. */
const PROFILE_DIR = join(BENCH_DIR, 'results', 'profiles');

interface Options {
  scenarios: Scenario[];
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  subscribers: number[];
  jobs: number;
  jobsBudgetSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  const scenarios: Scenario[] = [];
  for (const arg of argv) {
    const flag = /^--([\w-]+)=(.*)$/.exec(arg);
    if (flag) flags.set(flag[1]!, flag[2]!);
    else if ((SCENARIOS as readonly string[]).includes(arg)) scenarios.push(arg as Scenario);
    else throw new Error(`unknown argument "${arg}": scenarios are ${SCENARIOS.join(', ')}; options --duration=, --warmup=, --rounds=, --subscribers=, --jobs=, --jobs-budget=`);
  }
  const int = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  return {
    scenarios: scenarios.length ? SCENARIOS.filter((s) => scenarios.includes(s)) : [...SCENARIOS],
    durationSeconds: int('duration', 10),
    warmupSeconds: int('warmup', 2),
    rounds: Math.max(1, int('rounds', 2)),
    subscribers: (flags.get('subscribers') ?? '1000,5000,10000').split(',').map(Number).filter((n) => n > 0),
    jobs: int('jobs', 10_000),
    jobsBudgetSeconds: int('jobs-budget', 300),
  };
}

async function main(): Promise<void> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'info', { pretty: Boolean(process.stdout.isTTY) });
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const machine = describeMachine();
  const date = new Date().toISOString().slice(0, 10);
  const results: BenchResults = {};
  const notes: string[] = [];
  let environment: BenchEnvironment | null = null;
  let platform: Platform | null = null;
  const cleanUp = async () => {
    await platform?.stop();
    platform = null;
    await environment?.dispose();
    environment = null;
  };
  process.once('SIGINT', () => {
    logger.warn('interrupted: stopping every process and dropping the database');
    void cleanUp().finally(() => process.exit(130));
  });
  const attempt = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      logger.error({ err }, `${name} scenario failed`);
      notes.push(`The ${name} scenario failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  };
  try {
    if (options.scenarios.some((s) => s !== 'startup')) {
      environment = await createBenchEnvironment();
      logger.info({ database: environment.databaseUrl, natsPrefix: environment.natsPrefix }, 'starting the subgraphs and workers');
      platform = await startPlatform(environment);
      const seeded = await seedPlatform(platform, POSTS_PER_PERSONA);
      logger.info({ posts: seeded.postIds.length }, 'seeded');
      const running = platform;
      if (options.scenarios.includes('gateway')) {
        await attempt('gateway', async () => {
          results.gateway = await runGatewayScenario(running, seeded, {
            connections: 50,
            durationSeconds: options.durationSeconds,
            warmupSeconds: options.warmupSeconds,
            rounds: options.rounds,
            profileDir: PROFILE_DIR,
            logger,
          });
        });
      }
      if (options.scenarios.includes('subscriptions')) {
        await attempt('subscriptions', async () => {
          results.subscriptions = await runSubscriptionScenario(running, seeded, { tiers: options.subscribers, tokenDelayMs: 120, loadProcesses: 2, profileDir: PROFILE_DIR, logger });
        });
      }
      if (options.scenarios.includes('jobs')) {
        await attempt('jobs', async () => {
          results.jobs = await runJobScenario(running, seeded, { jobs: options.jobs, budgetSeconds: options.jobsBudgetSeconds, concurrency: 16, profileDir: PROFILE_DIR, logger });
        });
      }
      await cleanUp();
    }
    if (options.scenarios.includes('startup')) {
      await attempt('startup', async () => {
        results.startup = await runStartupScenario(logger);
      });
    }
  } finally {
    await cleanUp();
  }
  const hive = results.gateway?.checks.find((check) => check.target === 'hive');
  if (hive?.ok) notes.push('Hive Gateway (`@graphql-hive/gateway-runtime` 2.12.1 with `@graphql-hive/router-runtime` 1.4.23, `@graphql-mesh/transport-http` 1.2.1) runs on Node 20 here, although npm warns that some of its `@whatwg-node/*` dependencies ask for Node >= 22.15.');
  const suffix = options.scenarios.length === SCENARIOS.length ? '' : `-${options.scenarios.join('-')}`;
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const context: ReportContext = { date, machine, loadAtEnd: currentLoad(), scenarios: options.scenarios, minutes: (performance.now() - started) / 60_000, notes };
  const file = join(dir, `${date}${suffix}.md`);
  writeFileSync(file, renderReport(results, context));
  writeFileSync(join(dir, `${date}${suffix}.json`), `${JSON.stringify({ context, options, results } satisfies SavedRun, null, 2)}\n`);
  logger.info({ report: file }, 'benchmark report written');
}

main().catch((err: unknown) => {
  createLogger('bench').fatal({ err }, 'benchmark failed');
  process.exit(1);
});
