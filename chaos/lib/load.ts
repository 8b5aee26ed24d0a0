import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import type { PostEngagementData } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import { GaveUpError, createRetryingClient } from './gateway-client';
import { chaosTopic } from './topics';

const GENERATE_POST = 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';
const RECORD_ENGAGEMENT = 'mutation($postId: ID!, $input: EngagementInput!) { recordEngagement(postId: $postId, input: $input) { id } }';
const CREATE_ACHIEVEMENT = 'mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }';

/** Statuses a job ends in. */
export const TERMINAL_STATUSES: readonly string[] = ['COMPLETED', 'FAILED', 'BLOCKED', 'CANCELLED'];

/** How much load to send. */
export interface LoadPlan {
  jobs: number;
  /** Jobs submitted per second (steady: job i at i / rate s). */
  ratePerSecond: number;
  /** One `createAchievement` with every `achievementEvery`-th job. */
  achievementEvery: number;
  /** `recordEngagement` calls per second at most (two per completed post). */
  engagementPerSecond: number;
  /** Short id of the run, in idempotency keys and achievement source ids. */
  runId: string;
}

/** Cumulative engagement totals, as `EngagementInput` (the `post.engagement` event's counts). */
export type EngagementTotals = Omit<PostEngagementData, 'postId' | 'personaId'>;

/** What the load wrote to one post. */
export interface EngagementWritten {
  /** The last totals the gateway confirmed. */
  totals: EngagementTotals;
  /** A write was given up after it may have landed: the post's expected totals are unknown. */
  uncertain: boolean;
}

/** What the load generator sent and what the gateway confirmed. */
export interface LoadResult {
  /** `generatePost` submissions started. */
  jobsSubmitted: number;
  /** Job id by job index, for every submission the gateway confirmed. */
  jobIds: Map<number, string>;
  /** Submissions never confirmed (given up at the deadline, or refused), with the reason. */
  jobsNotAccepted: Array<{ index: number; reason: string }>;
  achievementsSubmitted: number;
  /** Source ids (`sourceId`) of achievements the gateway confirmed (or answered CONFLICT: created before). */
  achievementsAccepted: Set<string>;
  achievementsNotAccepted: Array<{ sourceId: string; reason: string }>;
  /** Engagement written, by post id. */
  engagement: Map<string, EngagementWritten>;
  /** Attempts that failed and were retried (all calls). */
  retries: number;
  /** Epoch ms of every successful gateway answer, in order. */
  successes: number[];
}

/** A running load. */
export interface LoadGenerator {
  /** Resolves once every job and achievement has been submitted and confirmed (or given up). */
  submitted: Promise<void>;
  /**
   * Keeps writing engagement until every confirmed job is in a terminal status and every
   * completed post has both of its engagement writes confirmed, or until `until` (epoch ms).
   *
   * @returns whether it finished before `until`
   */
  drain(until: number): Promise<boolean>;
  result(): LoadResult;
  /** Stops polling and writing, and closes its database pool. */
  stop(): Promise<void>;
}

/** What the load uses. */
export interface LoadDeps {
  /** The gateway's `http://.../graphql`. */
  gatewayUrl: string;
  /** A user token with `content:write` and `achievements:write`. */
  token: string;
  /** The chaos database: the load reads which jobs completed (to write engagement on their posts). */
  databaseUrl: string;
  /** Jobs go to these personas in turn. */
  personaIds: string[];
  logger: Logger;
  /** No request is started after this (epoch ms). */
  hardDeadline: number;
}

/**
 * The totals of engagement write `write` (1 or 2) of job `index`: the second is higher in every
 * count, so experiments must count the difference exactly once.
 */
export function engagementTotals(index: number, write: 1 | 2): EngagementTotals {
  return { impressions: 40 * write + (index % 23), likes: (index % 5) + write, replies: index % 3, reposts: write - 1, follows: index % 2 };
}

/**
 * Starts the load through the gateway: `generatePost` for job i at i / `ratePerSecond` seconds
 * (persona i mod n, a distinct topic, idempotency key `chaos-<run>-<i>`, so a retry after a lost
 * answer returns the same job), a `createAchievement` with every `achievementEvery`-th job
 * (`GITHUB_PR`, source id `chaos/<run>#<n>`: a retry is a CONFLICT, not a second achievement),
 * and, on each post as its job completes (polled from the database every second), two
 * `recordEngagement` writes of rising cumulative totals ({@link engagementTotals}), at most
 * `engagementPerSecond`. Every call is retried until it succeeds or `hardDeadline`.
 */
export function startLoad(deps: LoadDeps, plan: LoadPlan): LoadGenerator {
  const { logger } = deps;
  const result: LoadResult = {
    jobsSubmitted: 0,
    jobIds: new Map(),
    jobsNotAccepted: [],
    achievementsSubmitted: 0,
    achievementsAccepted: new Set(),
    achievementsNotAccepted: [],
    engagement: new Map(),
    retries: 0,
    successes: [],
  };
  const client = createRetryingClient(deps.gatewayUrl, deps.token, {
    onSuccess: (at) => result.successes.push(at),
    onRetry: () => {
      result.retries++;
    },
  });
  const pool = new Pool({ connectionString: deps.databaseUrl, max: 2, connectionTimeoutMillis: 3000 });
  pool.on('error', () => undefined);
  let stopped = false;
  const until = () => deps.hardDeadline;
  const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

  const submitJob = async (index: number) => {
    result.jobsSubmitted++;
    try {
      const input = { personaId: deps.personaIds[index % deps.personaIds.length], topic: chaosTopic(index), idempotencyKey: `chaos-${plan.runId}-${index}` };
      const { data } = await client.call<{ generatePost: { id: string } }>(GENERATE_POST, { input }, { until: until() });
      result.jobIds.set(index, data!.generatePost.id);
    } catch (err) {
      result.jobsNotAccepted.push({ index, reason: reason(err) });
    }
  };

  const submitAchievement = async (n: number) => {
    result.achievementsSubmitted++;
    const sourceId = `chaos/${plan.runId}#${n}`;
    try {
      const input = { title: `Chaos achievement ${n}`, category: 'RELIABILITY', impactScore: 40 + (n % 50), complexityScore: 30, sourceType: 'GITHUB_PR', sourceId };
      await client.call(CREATE_ACHIEVEMENT, { input }, { until: until(), acceptCodes: ['CONFLICT'] });
      result.achievementsAccepted.add(sourceId);
    } catch (err) {
      result.achievementsNotAccepted.push({ sourceId, reason: reason(err) });
    }
  };

  // Engagement: a FIFO of writes, drained at a steady rate; write 2 of a post is queued once write 1 is confirmed.
  const indexOfJob = new Map<string, number>();
  const pendingJobs = new Set<string>();
  const queue: Array<{ postId: string; index: number; write: 1 | 2 }> = [];
  let writesInFlight = 0;
  let postsAwaitingWrites = 0;
  const writeEngagement = async (postId: string, index: number, write: 1 | 2) => {
    writesInFlight++;
    const totals = engagementTotals(index, write);
    try {
      await client.call(RECORD_ENGAGEMENT, { postId, input: totals }, { until: until() });
      result.engagement.set(postId, { totals, uncertain: false });
      if (write === 1) queue.push({ postId, index, write: 2 });
      else postsAwaitingWrites--;
    } catch (err) {
      logger.warn({ postId, write, err: reason(err) }, 'engagement write not confirmed');
      result.engagement.set(postId, { totals: result.engagement.get(postId)?.totals ?? engagementTotals(index, 1), uncertain: true });
      postsAwaitingWrites--;
      if (!(err instanceof GaveUpError)) throw err;
    } finally {
      writesInFlight--;
    }
  };
  const writer = (async () => {
    const gapMs = 1000 / plan.engagementPerSecond;
    while (!stopped) {
      const next = queue.shift();
      if (next) void writeEngagement(next.postId, next.index, next.write).catch((err: unknown) => logger.error({ err }, 'engagement write refused'));
      await sleep(next ? gapMs : 100);
    }
  })();
  const poller = (async () => {
    while (!stopped) {
      await sleep(1000);
      for (const [index, jobId] of result.jobIds) {
        if (indexOfJob.has(jobId)) continue;
        indexOfJob.set(jobId, index);
        pendingJobs.add(jobId);
      }
      if (pendingJobs.size === 0) continue;
      try {
        const { rows } = await pool.query<{ id: string; status: string; post_id: string }>(
          'select id, status, post_id from content.generation_jobs where id = any($1::uuid[])',
          [[...pendingJobs]],
        );
        for (const row of rows) {
          if (!TERMINAL_STATUSES.includes(row.status)) continue;
          pendingJobs.delete(row.id);
          if (row.status !== 'COMPLETED') continue;
          postsAwaitingWrites++;
          queue.push({ postId: row.post_id, index: indexOfJob.get(row.id)!, write: 1 });
        }
      } catch {
        // Postgres is restarting: poll again in a second.
      }
    }
  })();

  const submitted = (async () => {
    const start = Date.now();
    const inflight: Array<Promise<void>> = [];
    for (let i = 0; i < plan.jobs && !stopped; i++) {
      const wait = start + (i * 1000) / plan.ratePerSecond - Date.now();
      if (wait > 0) await sleep(wait);
      inflight.push(submitJob(i));
      if (i % plan.achievementEvery === 0) inflight.push(submitAchievement(i / plan.achievementEvery));
    }
    await Promise.all(inflight);
  })();

  return {
    submitted,
    async drain(deadline) {
      await submitted;
      for (;;) {
        const unseen = [...result.jobIds.values()].some((id) => !indexOfJob.has(id));
        if (!unseen && pendingJobs.size === 0 && queue.length === 0 && writesInFlight === 0 && postsAwaitingWrites === 0) return true;
        if (Date.now() >= deadline) return false;
        await sleep(500);
      }
    },
    result: () => result,
    async stop() {
      stopped = true;
      await Promise.all([writer, poller]);
      await pool.end();
    },
  };
}
