import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/logger';
import { captureCpuProfile } from '../lib/cpu-profile-capture';
import type { CapturedProfile } from '../lib/cpu-profile-capture';
import { queryRows } from '../lib/environment';
import { samplePostgresActivity } from '../lib/pg-activity-sampler';
import type { PgActivityReport } from '../lib/pg-activity-sampler';
import type { Platform } from '../lib/platform';
import { benchTopic, callSubgraph } from '../lib/seed';
import type { SeededData } from '../lib/seed';
import { sampleMachine, sampleProcess, sampleProcessesNamed } from '../lib/process-sampler';
import { percentile } from '../lib/stats';

/** The jobs of one run through the pipeline, as the database has them. */
export interface JobBatch {
  jobs: number;
  /** `generatePost` calls per second (content subgraph, `concurrency` at once). */
  submittedPerSecond: number;
  /** Jobs per terminal status. */
  statuses: Record<string, number>;
  /** Completed jobs per second, from the first job's `created_at` to the last `completed_at`. */
  completedPerSecond: number;
  /** `created_at` -> `completed_at` of completed jobs, ms. */
  latencyP50: number;
  latencyP99: number;
  /** Posts of the batch's jobs (checked in the database). */
  posts: number;
  /** Completed jobs without a post (lost). */
  lost: number;
  /** Jobs with more than one post, or posts whose job is not COMPLETED (doubled). */
  doubled: number;
  /** Jobs not finished at the deadline (QUEUED or PROCESSING; no post). */
  unfinished: number;
  /** Seconds from the first submission until every job had finished (or the deadline). */
  seconds: number;
  /** CPU of the pipeline's processes over the batch, % of one core, by process (`postgres`: the server and its backends; `machine`: everything on it). */
  cpuPercent: Record<string, number>;
}

/** Everything the jobs scenario measured. */
export interface JobScenarioResult {
  /** Jobs asked for (10,000). */
  target: number;
  /** The time they were given (s, from the first submission). */
  budgetSeconds: number;
  /** Whether every job asked for finished within the budget. */
  finishedAll: boolean;
  batch: JobBatch;
  concurrency: number;
  /** `--cpu-prof` of content's worker over the batch (its busiest thread). */
  workerProfile: CapturedProfile;
  /** Postgres's active statements over the batch, sampled every 50 ms; null when sampling failed (see `postgresNote`). */
  postgres: PgActivityReport | null;
  postgresNote: string;
}

/** Options of {@link runJobScenario}. */
export interface JobScenarioOptions {
  /** Jobs wanted (10,000). */
  jobs: number;
  /** The time they may take (s): ~5 minutes. */
  budgetSeconds: number;
  /** `generatePost` calls at once. */
  concurrency: number;
  /** Root of the profiles (git-ignored): content's worker writes to `content-worker-jobs/` there. */
  profileDir: string;
  logger: Logger;
}

const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'BLOCKED'];

async function submit(platform: Platform, seeded: SeededData, count: number, concurrency: number, deadline: number): Promise<{ ids: string[]; seconds: number }> {
  const ids: string[] = [];
  let next = 0;
  const offset = 100_000;
  const started = performance.now();
  const lane = async () => {
    while (next < count && performance.now() < deadline) {
      const i = offset + next++;
      const { generatePost } = await callSubgraph<{ generatePost: { id: string } }>(platform, 'content', 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
        input: { personaId: seeded.personaIds[i % seeded.personaIds.length], topic: benchTopic(i) },
      });
      ids.push(generatePost.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ids, seconds: (performance.now() - started) / 1000 };
}

/**
 * Submits the jobs, then waits until every one has finished or the budget (from the first
 * submission) is spent.
 *
 * @returns the jobs' ids, the seconds their submission took, and the seconds until the wait ended
 */
async function submitAndWait(platform: Platform, seeded: SeededData, options: JobScenarioOptions): Promise<{ ids: string[]; submitSeconds: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + options.budgetSeconds * 1000;
  const { ids, seconds: submitSeconds } = await submit(platform, seeded, options.jobs, options.concurrency, deadline);
  options.logger.info({ submitted: ids.length, perSecond: Math.round(ids.length / submitSeconds) }, 'jobs submitted');
  const pending = async () => {
    const [row] = await queryRows<{ n: string }>(platform.env.databaseUrl, `select count(*) as n from content.generation_jobs where id = any($1::uuid[]) and status <> all($2::text[])`, [ids, TERMINAL]);
    return Number(row!.n);
  };
  let unfinished = await pending();
  while (unfinished > 0 && performance.now() < deadline) {
    await sleep(1000);
    unfinished = await pending();
  }
  return { ids, submitSeconds, seconds: (performance.now() - started) / 1000 };
}

/**
 * The jobs scenario: up to `options.jobs` generation jobs through JetStream with the offline
 * provider at zero delay (content's worker as the platform runs it, `GENERATION_CONCURRENCY`
 * default, restarted under `--cpu-prof`), submitted at once with `generatePost` on the content
 * subgraph, while Postgres's active statements are sampled. They get `budgetSeconds` from the
 * first submission; once every job has finished, or at the deadline, content's worker is stopped
 * (so nothing changes while the database is read, and it writes its profile) and restarted
 * after. Jobs are taken in submission order, so the number completed by then is the largest
 * batch that finishes within the budget. Every job is then checked in the database: one post per
 * completed job, none for the others.
 */
export async function runJobScenario(platform: Platform, seeded: SeededData, options: JobScenarioOptions): Promise<JobScenarioResult> {
  const capture = captureCpuProfile(join(options.profileDir, 'content-worker-jobs'));
  await platform.startWorker('content', {}, capture.nodeArgs);
  const processes = { content: platform.subgraphs.content, ...Object.fromEntries(Object.entries(platform.workers()).map(([name, worker]) => [`${name}-worker`, worker])) };
  const samplers = Object.entries(processes).map(([name, service]) => [name, sampleProcess(service!.pid, 1000)] as const);
  const machine = sampleMachine(cpus().length);
  const postgres = sampleProcessesNamed('postgres');
  const activity = samplePostgresActivity(platform.env.databaseUrl);
  let run: { ids: string[]; submitSeconds: number; seconds: number };
  try {
    capture.start();
    run = await submitAndWait(platform, seeded, options);
    capture.end();
  } catch (err) {
    samplers.forEach(([, sampler]) => sampler.stop());
    await activity.stop().catch(() => undefined);
    throw err;
  }
  const { ids, submitSeconds, seconds } = run;
  const cpuPercent = { ...Object.fromEntries(samplers.map(([name, sampler]) => [name, sampler.stop().cpuPercent])), postgres: postgres.stop(), machine: machine.stop() };
  const sampled = await activity.stop().then(
    (report) => ({ report, note: '' }),
    (err: unknown) => ({ report: null, note: `sampling pg_stat_activity failed: ${err instanceof Error ? err.message : String(err)}` }),
  );
  // Stopped gracefully (SIGKILL only after 30 s): V8 writes the profile as the process exits.
  await platform.stopWorker('content', 30_000);
  const workerProfile = capture.read();
  try {
    const batch = await checkJobs(platform, ids, submitSeconds, seconds, cpuPercent);
    options.logger.info({ submitted: ids.length, completed: batch.statuses.COMPLETED ?? 0, completedPerSecond: Math.round(batch.completedPerSecond), unfinished: batch.unfinished }, 'jobs done');
    return {
      target: options.jobs,
      budgetSeconds: options.budgetSeconds,
      finishedAll: ids.length === options.jobs && batch.unfinished === 0,
      batch,
      concurrency: options.concurrency,
      workerProfile,
      postgres: sampled.report,
      postgresNote: sampled.note,
    };
  } finally {
    await platform.startWorker('content');
  }
}

/** Reads the jobs and their posts from the database. */
async function checkJobs(platform: Platform, ids: string[], submitSeconds: number, seconds: number, cpuPercent: Record<string, number>): Promise<JobBatch> {
  const jobs = await queryRows<{ status: string; latency_ms: number | null; created: Date; completed: Date | null; posts: string; post_of_job: boolean }>(
    platform.env.databaseUrl,
    `select j.status, extract(epoch from (j.completed_at - j.created_at)) * 1000 as latency_ms, j.created_at as created, j.completed_at as completed,
            (select count(*) from content.posts p where p.job_id = j.id) as posts,
            exists (select 1 from content.posts p where p.id = j.post_id) as post_of_job
       from content.generation_jobs j where j.id = any($1::uuid[])`,
    [ids],
  );
  const statuses: Record<string, number> = {};
  for (const job of jobs) statuses[job.status] = (statuses[job.status] ?? 0) + 1;
  const completed = jobs.filter((job) => job.status === 'COMPLETED');
  const firstCreated = Math.min(...jobs.map((job) => job.created.getTime()));
  const lastCompleted = Math.max(...completed.map((job) => job.completed!.getTime()));
  const latencies = completed.map((job) => Number(job.latency_ms));
  return {
    jobs: ids.length,
    submittedPerSecond: ids.length / submitSeconds,
    statuses,
    completedPerSecond: completed.length > 0 ? completed.length / ((lastCompleted - firstCreated) / 1000) : 0,
    latencyP50: percentile(latencies, 50),
    latencyP99: percentile(latencies, 99),
    posts: jobs.reduce((sum, job) => sum + Number(job.posts), 0),
    lost: completed.filter((job) => Number(job.posts) === 0 || !job.post_of_job).length,
    doubled: jobs.filter((job) => Number(job.posts) > 1 || (job.status !== 'COMPLETED' && Number(job.posts) > 0)).length,
    unfinished: jobs.filter((job) => !TERMINAL.includes(job.status)).length,
    seconds,
    cpuPercent,
  };
}
