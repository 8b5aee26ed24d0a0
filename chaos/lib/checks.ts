import { Client } from 'pg';
import type { EngagementTotals, LoadResult } from './load';

/** One line of the checks: how many items were lost or duplicated in one place, with a few examples. */
export interface CheckLine {
  /** What is counted, e.g. `jobs stuck (not COMPLETED, not FAILED with a reason)`. */
  label: string;
  kind: 'lost' | 'duplicated';
  count: number;
  /** Up to 5 ids, to start an investigation. */
  examples: string[];
}

/** Totals the checks read (not failures). */
export interface CheckFacts {
  jobsInDatabase: number;
  completed: number;
  /** FAILED (or BLOCKED) with an error or block reasons. */
  failedWithReason: number;
  posts: number;
  trajectories: number;
  /** Posts with engagement written and confirmed (their expectation is exact). */
  postsWithEngagement: number;
  /** Posts whose last engagement write was given up (may or may not have landed): not checked. */
  engagementUncertain: number;
  /** Completed posts without a variant assignment (experiments did not answer in time): not counted by design. */
  postsWithoutVariant: number;
  /** Impressions the load wrote (last totals) on posts with a variant. */
  impressionsWritten: number;
  /** Impressions experiments counted on its variants (minus those of uncertain posts). */
  impressionsCounted: number;
  achievementsInDatabase: number;
  /** Achievement events the subscriber received (deliveries, repeats included). */
  achievementDeliveries: number;
  /** Ids a resumed subscription replayed although an earlier one had delivered them (dropped by the subscriber, not duplicates). */
  achievementResumeRepeats: number;
  /** Error messages of failed jobs, with how many jobs had each (first 80 characters). */
  failureReasons: Record<string, number>;
}

/** Result of {@link runChecks}. */
export interface CheckResult {
  lines: CheckLine[];
  /** Every id of two kinds of loss, for the diagnosis (was their event published?). */
  missing: { postsWithoutTrajectory: string[]; undeliveredAchievements: string[] };
  facts: CheckFacts;
  lost: number;
  duplicated: number;
}

/** What the checks compare the databases with. */
export interface CheckInput {
  /** The chaos database (all four schemas). */
  databaseUrl: string;
  load: LoadResult;
  /** Deliveries by achievement id, from the subscriber. */
  achievementDeliveries: ReadonlyMap<string, number>;
  /** Resume-boundary repeats the subscriber dropped (reported, not checked). */
  achievementResumeRepeats: number;
}

const successesOf = (t: EngagementTotals) => Math.min(t.impressions, t.likes + t.replies + t.reposts);

/**
 * Checks, from the databases, that nothing was lost or done twice:
 * - jobs: every job is COMPLETED, or FAILED/BLOCKED with a reason (others are stuck: lost); every
 *   job the gateway confirmed exists;
 * - posts: exactly one per COMPLETED job (none: lost; more: duplicated);
 * - trajectories: exactly one per post (`emotion.emotion_trajectory_posts`);
 * - engagement: content stores the last totals written; for each post with a variant,
 *   experiments' recorded impressions and successes equal those totals (the seed's successes:
 *   likes + replies + reposts, capped at impressions), and each variant's counts equal the sum of
 *   its posts' (less: lost; more: duplicated);
 * - achievements: every achievement the gateway confirmed exists, and each one in the database
 *   reached the subscriber exactly once.
 *
 * @throws when Postgres does not answer
 */
export async function runChecks(input: CheckInput): Promise<CheckResult> {
  const client = new Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    const q = async <R extends Record<string, unknown>>(text: string) => (await client.query<R>(text)).rows;
    const jobs = await q<{ id: string; status: string; error: string | null; blocked: boolean; post_id: string }>(
      `select id, status, error, jsonb_array_length(block_reasons) > 0 as blocked, post_id from content.generation_jobs`,
    );
    const postCounts = await q<{ job_id: string; n: string }>('select job_id, count(*) as n from content.posts where job_id is not null group by job_id');
    const posts = await q<{ id: string }>('select id from content.posts');
    const trajectories = await q<{ post_id: string; n: string }>('select post_id, count(*) as n from emotion.emotion_trajectory_posts group by post_id');
    const stored = await q<{ post_id: string; impressions: number; likes: number; replies: number; reposts: number; follows: number }>('select post_id, impressions, likes, replies, reposts, follows from content.post_engagement');
    const assignments = await q<{ post_id: string; variant_id: string; recorded_impressions: string; recorded_successes: string }>(
      'select post_id, variant_id, recorded_impressions, recorded_successes from experiments.variant_assignments',
    );
    const variants = await q<{ id: string; impressions: string; successes: string }>('select id, impressions, successes from experiments.variants');
    const achievements = await q<{ id: string; source_id: string | null }>(`select id, source_id from achievements.achievements`);

    const lines: CheckLine[] = [];
    const line = (label: string, kind: CheckLine['kind'], ids: string[], count = ids.length) => lines.push({ label, kind, count, examples: ids.slice(0, 5) });
    const failureReasons: Record<string, number> = {};

    // Jobs.
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const stuck = jobs.filter((j) => j.status !== 'COMPLETED' && !((j.status === 'FAILED' || j.status === 'BLOCKED') && (j.error || j.blocked)));
    for (const job of jobs) {
      if (job.status !== 'COMPLETED' && !stuck.includes(job)) {
        const reason = (job.error ?? 'blocked').slice(0, 80);
        failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
      }
    }
    line('jobs stuck (not COMPLETED nor FAILED with a reason)', 'lost', stuck.map((j) => `${j.id} ${j.status}`));
    line('jobs confirmed by the gateway but not in the database', 'lost', [...input.load.jobIds.values()].filter((id) => !byId.has(id)));

    // Posts per completed job.
    const postsOfJob = new Map(postCounts.map((r) => [r.job_id, Number(r.n)]));
    const completed = jobs.filter((j) => j.status === 'COMPLETED');
    line('completed jobs without a post', 'lost', completed.filter((j) => !postsOfJob.get(j.id)).map((j) => j.id));
    const extraPosts = [...postsOfJob].filter(([, n]) => n > 1);
    line('extra posts of a job (more than one)', 'duplicated', extraPosts.map(([id]) => id), extraPosts.reduce((sum, [, n]) => sum + n - 1, 0));

    // Trajectories per post.
    const trajectoriesOf = new Map(trajectories.map((r) => [r.post_id, Number(r.n)]));
    const withoutTrajectory = posts.filter((p) => !trajectoriesOf.get(p.id)).map((p) => p.id);
    line('posts without an emotion trajectory', 'lost', withoutTrajectory);
    const extraTrajectories = [...trajectoriesOf].filter(([, n]) => n > 1);
    line('extra trajectories of a post', 'duplicated', extraTrajectories.map(([id]) => id), extraTrajectories.reduce((sum, [, n]) => sum + n - 1, 0));

    // Engagement: content's totals, experiments' per-post high-water marks and per-variant counts.
    const storedOf = new Map(stored.map((r) => [r.post_id, r]));
    const assignmentOf = new Map(assignments.map((a) => [a.post_id, a]));
    const contentLower: string[] = [];
    const contentHigher: string[] = [];
    const under: string[] = [];
    const over: string[] = [];
    let uncertain = 0;
    let withEngagement = 0;
    let withoutVariant = 0;
    let impressionsWritten = 0;
    let uncertainRecorded = 0;
    for (const post of posts) {
      const written = input.load.engagement.get(post.id);
      const assignment = assignmentOf.get(post.id);
      if (!assignment) withoutVariant++;
      if (written?.uncertain) {
        uncertain++;
        uncertainRecorded += Number(assignment?.recorded_impressions ?? 0);
        continue;
      }
      if (written) withEngagement++;
      const expected = written?.totals;
      const row = storedOf.get(post.id);
      if (expected && (!row || row.impressions < expected.impressions)) contentLower.push(post.id);
      if (row && (!expected || row.impressions > expected.impressions)) contentHigher.push(post.id);
      if (!assignment) continue;
      const impressions = expected?.impressions ?? 0;
      const successes = expected ? successesOf(expected) : 0;
      impressionsWritten += impressions;
      const recordedImpressions = Number(assignment.recorded_impressions);
      const recordedSuccesses = Number(assignment.recorded_successes);
      if (recordedImpressions < impressions || recordedSuccesses < successes) under.push(post.id);
      else if (recordedImpressions > impressions || recordedSuccesses > successes) over.push(post.id);
    }
    line('engagement writes not stored by content', 'lost', contentLower);
    line('engagement stored by content above what was written', 'duplicated', contentHigher);
    line('posts whose engagement experiments did not count (fully)', 'lost', under);
    line('posts whose engagement experiments over-counted', 'duplicated', over);
    const recordedByVariant = new Map<string, { impressions: number; successes: number }>();
    for (const a of assignments) {
      const sum = recordedByVariant.get(a.variant_id) ?? { impressions: 0, successes: 0 };
      sum.impressions += Number(a.recorded_impressions);
      sum.successes += Number(a.recorded_successes);
      recordedByVariant.set(a.variant_id, sum);
    }
    const variantsLower: string[] = [];
    const variantsHigher: string[] = [];
    let impressionsCounted = 0;
    for (const v of variants) {
      const sum = recordedByVariant.get(v.id) ?? { impressions: 0, successes: 0 };
      impressionsCounted += Number(v.impressions);
      if (Number(v.impressions) < sum.impressions || Number(v.successes) < sum.successes) variantsLower.push(v.id);
      else if (Number(v.impressions) > sum.impressions || Number(v.successes) > sum.successes) variantsHigher.push(v.id);
    }
    line("variants counting less than their posts' engagement", 'lost', variantsLower);
    line("variants counting more than their posts' engagement", 'duplicated', variantsHigher);

    // Achievements and their events.
    const sources = new Set(achievements.map((a) => a.source_id));
    line('achievements confirmed by the gateway but not in the database', 'lost', [...input.load.achievementsAccepted].filter((s) => !sources.has(s)));
    const deliveries = input.achievementDeliveries;
    const undelivered = achievements.filter((a) => !deliveries.get(a.id)).map((a) => a.id);
    line('achievement events not delivered to the subscriber', 'lost', undelivered);
    const repeated = achievements.filter((a) => (deliveries.get(a.id) ?? 0) > 1);
    line('achievement events delivered more than once', 'duplicated', repeated.map((a) => a.id), repeated.reduce((sum, a) => sum + (deliveries.get(a.id) ?? 0) - 1, 0));

    const count = (kind: CheckLine['kind']) => lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.count, 0);
    return {
      lines,
      missing: { postsWithoutTrajectory: withoutTrajectory, undeliveredAchievements: undelivered },
      lost: count('lost'),
      duplicated: count('duplicated'),
      facts: {
        jobsInDatabase: jobs.length,
        completed: completed.length,
        failedWithReason: jobs.length - completed.length - stuck.length,
        posts: posts.length,
        trajectories: trajectories.length,
        postsWithEngagement: withEngagement,
        engagementUncertain: uncertain,
        postsWithoutVariant: withoutVariant,
        impressionsWritten,
        impressionsCounted: impressionsCounted - uncertainRecorded,
        achievementsInDatabase: achievements.length,
        achievementDeliveries: [...deliveries.values()].reduce((sum, n) => sum + n, 0),
        achievementResumeRepeats: input.achievementResumeRepeats,
        failureReasons,
      },
    };
  } finally {
    await client.end();
  }
}
