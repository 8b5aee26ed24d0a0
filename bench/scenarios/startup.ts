import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { forEachLine } from '../../scripts/lib/child-output';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';
import { PORT_VARIABLES } from '../../scripts/lib/platform-services';
import type { Logger } from '../../lib/logger';
import { createBenchEnvironment } from '../lib/environment';
import { freePorts } from '../lib/free-port';
import { sampleMachine } from '../lib/process-sampler';
import { recordStartup } from '../lib/startup-timeline';
import type { StartupTimeline } from '../lib/startup-timeline';

/** One `npm start` until its banner. */
export interface StartupRun {
  /** `first` (empty database: migrations and seeding) or `again` (the same database). */
  label: string;
  /** Seconds from spawning `npm start` to the banner line with `GraphiQL`; null when it never came. */
  seconds: number | null;
  /** The dashboard was (re)built during the start (`dashboard built`), which a fresh clone does once. */
  builtDashboard: boolean;
  /** Why it did not become ready, with its last lines. */
  failure: string | null;
  /** Where the time went, read from `npm start`'s own lines; null when it never became ready. */
  timeline: StartupTimeline | null;
  /** CPU of the whole machine from the spawn to the banner, % of one core (200 % = both cores busy). */
  machineCpuPercent: number;
}

/** Everything the start-up scenario measured. */
export interface StartupScenarioResult {
  runs: StartupRun[];
}

/** How long `npm start` may take to print its banner (ms). */
const READY_TIMEOUT_MS = 150_000;

/**
 * Runs `npm start` (as a developer types it) until the banner line with `GraphiQL`, recording its
 * lines ({@link recordStartup}), then stops it with SIGINT (as Ctrl-C) and waits for it to exit.
 */
function startOnce(label: string, env: NodeJS.ProcessEnv): Promise<StartupRun> {
  const machine = sampleMachine(cpus().length);
  const recorder = recordStartup(Date.now());
  const child = spawn('npm', ['start'], { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const started = performance.now();
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  const lines: string[] = [];
  let builtDashboard = false;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (seconds: number | null, failure: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const machineCpuPercent = machine.stop();
      const timeline = seconds === null ? null : recorder.timeline(Date.now());
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // already gone
      }
      const force = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000);
      void exited.then(() => {
        clearTimeout(force);
        resolve({ label, seconds, builtDashboard, failure, timeline, machineCpuPercent });
      });
    };
    const onLine = (line: string) => {
      recorder.line(line);
      lines.push(line);
      if (lines.length > 30) lines.shift();
      if (line.includes('dashboard built')) builtDashboard = true;
      if (line.includes('GraphiQL')) finish((performance.now() - started) / 1000, null);
    };
    forEachLine(child.stdout!, onLine);
    forEachLine(child.stderr!, onLine);
    const timer = setTimeout(() => finish(null, `no banner within ${READY_TIMEOUT_MS / 1000} s; last lines:\n${lines.join('\n')}`), READY_TIMEOUT_MS);
    child.once('close', (code) => finish(null, `npm start exited with code ${code} before its banner; last lines:\n${lines.join('\n')}`));
  });
}

/**
 * The start-up scenario: `npm start` to ready (the banner line with `GraphiQL`), twice: on an
 * empty throw-away database (migrations and seeding included) and again on the same one. Every
 * port is a fixed free port (`npm start` refuses 0, and its defaults 4000-4004 / 9100-9204 may be
 * taken by a running `npm start`), `NATS_PREFIX` is the run's own, and the secrets are given, so
 * nothing is shared with another deployment. Logs are JSON (`LOG_FORMAT=json`).
 */
export async function runStartupScenario(logger: Logger): Promise<StartupScenarioResult> {
  const environment = await createBenchEnvironment();
  try {
    const ports = await freePorts(PORT_VARIABLES.length);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...environment.serviceEnv,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...Object.fromEntries(PORT_VARIABLES.map((name, i) => [name, String(ports[i])])),
    };
    const runs: StartupRun[] = [];
    for (const label of ['first', 'again']) {
      const run = await startOnce(label, env);
      logger.info({ label, seconds: run.seconds, failure: run.failure?.split('\n')[0] }, 'npm start measured');
      runs.push(run);
    }
    return { runs };
  } finally {
    await environment.dispose();
  }
}
