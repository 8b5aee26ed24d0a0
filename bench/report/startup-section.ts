import type { StartupRun, StartupScenarioResult } from '../scenarios/startup';
import { num, table } from './markdown';

/** One run's breakdown: its phases, then its processes to ready. */
function breakdown(run: StartupRun): string[] {
  if (!run.timeline) return [];
  const { phases, services } = run.timeline;
  const total = phases.reduce((sum, p) => sum + p.seconds, 0);
  return [
    `#### ${run.label}: where the ${num(total, 1)} s went`,
    '',
    `Machine CPU from the spawn to the banner: ${num(run.machineCpuPercent)} % of 200 %.`,
    '',
    table(
      ['phase', 'seconds', 'share %', 'detail'],
      phases.map((p) => [p.name, num(p.seconds, 2), num(total > 0 ? (100 * p.seconds) / total : 0), p.detail]),
    ),
    '',
    table(
      ['process', 'spawned at s', 'ready at s', 'spawn to ready s', 'CPU s to ready'],
      services.map((s) => [s.service, num(s.startedAt, 2), num(s.readyAt, 2), num(s.readyAt - s.startedAt, 2), num(s.cpuSeconds, 2)]),
    ),
    '',
  ];
}

/** The start-up scenario's section of the report: time to ready per run, then where it went. */
export function startupSection(result: StartupScenarioResult): string {
  const lines = [
    '## 4. Start-up',
    '',
    '`npm start` as a developer runs it, until its banner line with `GraphiQL`: preflight, migrations, the nine processes (each `node --import tsx`), seeding. Every port a fixed free port (its defaults 4000-4004 / 9100-9204 may be held by a running `npm start`), its own throw-away database and `NATS_PREFIX`; "first" on the empty database, "again" on the same database, already migrated and seeded.',
    '',
    table(
      ['run', 'seconds to ready', 'dashboard built during the start', 'note'],
      result.runs.map((run) => [run.label, num(run.seconds, 1), run.builtDashboard ? 'yes' : 'no', run.failure ? run.failure.split('\n')[0]! : '']),
    ),
    '',
  ];
  for (const run of result.runs.filter((r) => r.failure)) lines.push('```', run.failure!, '```', '');
  lines.push(
    '### Where the time went',
    '',
    "Read from `npm start`'s own lines (`LOG_FORMAT=json`, times as it logged them): npm's `> tsx scripts/start.ts`, `preflight passed`, one migration line per schema, `dashboard built`, the supervisor's `service started` and `service ready` per process, `seeded personas and an active experiment`; the banner's arrival ends the last phase. \"CPU s to ready\" is the process's own CPU time (`/proc`) read as its ready line arrived.",
    '',
  );
  for (const run of result.runs) lines.push(...breakdown(run));
  return lines.join('\n');
}
