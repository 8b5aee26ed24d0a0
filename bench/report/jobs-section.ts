import type { JobBatch, JobScenarioResult } from '../scenarios/jobs';
import { num, table } from './markdown';
import { pgActivitySection } from './pg-activity-section';
import { profileSection } from './profile-section';

function row(batch: JobBatch): Array<string | number> {
  return [
    num(batch.jobs),
    num(batch.submittedPerSecond),
    num(batch.completedPerSecond, 1),
    num(batch.latencyP50),
    num(batch.latencyP99),
    Object.entries(batch.statuses).map(([status, n]) => `${status} ${n}`).join(', '),
    `${num(batch.posts)} (lost ${batch.lost}, doubled ${batch.doubled})`,
    num(batch.unfinished),
    num(batch.seconds),
    Object.entries(batch.cpuPercent).map(([name, cpu]) => `${name} ${num(cpu)}`).join(', '),
  ];
}

/** The jobs scenario's section of the report: the batch, content's worker's profile and Postgres's active statements. */
export function jobsSection(result: JobScenarioResult): string {
  return [
    '## 3. Jobs',
    '',
    `Up to ${num(result.target)} generation jobs through JetStream with the offline provider at zero delay (\`OFFLINE_TOKEN_DELAY_MS=0\`, content's worker with its default \`GENERATION_CONCURRENCY\`; experiments assigns variants, emotion analyses the posts meanwhile), submitted with \`generatePost\` on the content subgraph, ${result.concurrency} at a time, on the two seeded personas, each with its own topic, within a budget of ${result.budgetSeconds} s from the first submission. ` +
      'Completed jobs/s: completed jobs over the time from the first `created_at` to the last `completed_at`; latency: `created_at` to `completed_at` (queue wait included: every job is submitted at once). Posts are counted in the database per job: every completed job must have exactly its one post, the others none. CPU is per process over the run, `machine` everything on the machine (Postgres included).',
    '',
    result.finishedAll
      ? `All ${num(result.target)} jobs finished within the ${result.budgetSeconds} s budget, in ${num(result.batch.seconds)} s.`
      : `**${num(result.target)} jobs do not finish within ${result.budgetSeconds} s here**: ${num(result.batch.jobs)} were submitted in that time and ${num(result.batch.statuses.COMPLETED ?? 0)} completed (taken in submission order, so ${num(result.batch.statuses.COMPLETED ?? 0)} is about the largest batch that finishes within the budget); at the deadline content's worker was stopped and ${num(result.batch.unfinished)} jobs were still queued or processing.`,
    '',
    table(
      ['jobs submitted', 'submitted/s', 'completed jobs/s', 'p50 ms', 'p99 ms', 'statuses', 'posts', 'unfinished', 'seconds', 'CPU % (one core = 100)'],
      [row(result.batch)],
    ),
    '',
    profileSection(
      "### Profile of content's worker (`--cpu-prof`)",
      `Content's worker was restarted under \`node --cpu-prof\` for the batch (its figures include the profiler's overhead, a few %); only the batch is counted, from the first submission to the end of the wait (${num(result.batch.seconds)} s):`,
      // Reports saved before the profile existed have none.
      result.workerProfile?.profile ?? null,
      result.workerProfile?.note ?? 'not profiled in this run',
    ),
    result.postgres
      ? pgActivitySection('### Where Postgres\'s time went (active statements)', 'Sampled over the batch from one connection of the bench.', result.postgres)
      : ['### Where Postgres\'s time went (active statements)', '', `Not sampled: ${result.postgresNote || 'not in this run'}.`, ''].join('\n'),
  ].join('\n');
}
