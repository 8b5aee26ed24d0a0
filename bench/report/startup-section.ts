import type { StartupScenarioResult } from '../scenarios/startup';
import { num, table } from './markdown';

/** The start-up scenario's section of the report. */
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
  return lines.join('\n');
}
