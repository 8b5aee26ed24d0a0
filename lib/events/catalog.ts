import { z } from 'zod';

/** NATS subjects of the platform (brief §5), as {@link subjectsFor} names them. */
export interface Subjects {
  /** JOBS stream: one message per generation job, `Nats-Msg-Id` = job id. */
  generateJob: string;
  /** JOBS stream: one message per verified GitHub webhook delivery, `Nats-Msg-Id` = delivery id. */
  githubDelivery: string;
  /** JOBS stream: one message per post to publish, `Nats-Msg-Id` = `publish:<post id>`. */
  publishPost: string;
  postCreated: string;
  /** EVENTS stream: a post was published (once per post). */
  postPublished: string;
  postEngagement: string;
  /** Status changes of one job (EVENTS stream); `jobStatus('*')` matches every job's. */
  jobStatus: (jobId: string) => string;
  /** Token deltas of one running job (core NATS, not persisted); `jobProgress('*')` matches every job's. */
  jobProgress: (jobId: string) => string;
  /**
   * EVENTS stream: a post's trajectory, on a subject of its job (`trajectoryCreated(jobId)`, or the
   * post id for a post without a job), so a job's watchers receive only its own;
   * `trajectoryCreated('*')` matches every one.
   */
  trajectoryCreated: (jobOrPostId: string) => string;
  experimentUpdated: string;
  achievementCreated: string;
  /**
   * DLQ stream: messages a durable consumer gave up (its last delivery failed, a permanent error,
   * or `max_deliver` reached without a verdict), by consumer; `deadLetter('*')` matches every one.
   */
  deadLetter: (durable: string) => string;
  /** NATS services API endpoint of experiments: pick a variant for a job. */
  assignVariant: string;
  /** NATS services API endpoint of achievements: what an achievement is about (for a post). */
  describeAchievement: string;
}

/**
 * The wire contract between services: NATS subjects, CloudEvents `type`s and `data` shapes
 * (brief §5). Producers and consumers import these; no service reads another's tables.
 *
 * With a `prefix` (`NATS_PREFIX`, e.g. one per test run or per developer on a shared NATS),
 * every subject starts with `<prefix>.`, so deployments on one server never see each other's
 * jobs, events or service requests. Without one the subjects are the brief's.
 *
 * @example subjectsFor('t1a2b').postCreated === 't1a2b.events.content.post.created'
 */
export function subjectsFor(prefix?: string | null): Subjects {
  const p = prefix ? `${prefix}.` : '';
  return {
    generateJob: `${p}jobs.content.generate`,
    githubDelivery: `${p}jobs.achievements.github-delivery`,
    publishPost: `${p}jobs.content.publish`,
    postCreated: `${p}events.content.post.created`,
    postPublished: `${p}events.content.post.published`,
    postEngagement: `${p}events.content.post.engagement`,
    jobStatus: (jobId) => `${p}events.content.job.${jobId}`,
    jobProgress: (jobId) => `${p}progress.content.job.${jobId}`,
    trajectoryCreated: (jobOrPostId) => `${p}events.emotion.trajectory.created.${jobOrPostId}`,
    experimentUpdated: `${p}events.experiments.experiment.updated`,
    achievementCreated: `${p}events.achievements.achievement.created`,
    deadLetter: (durable) => `${p}dlq.${durable}`,
    assignVariant: `${p}experiments.assign-variant`,
    describeAchievement: `${p}achievements.describe`,
  };
}

/** The subjects without a prefix (the brief's names). */
export const subjects: Subjects = subjectsFor(null);

/** CloudEvents `type` values. */
export const eventTypes = {
  generateRequested: 'com.threads-agent.content.generation.requested',
  publishRequested: 'com.threads-agent.content.publication.requested',
  postCreated: 'com.threads-agent.content.post.created',
  postPublished: 'com.threads-agent.content.post.published',
  postEngagement: 'com.threads-agent.content.post.engagement',
  jobStatusChanged: 'com.threads-agent.content.job.status-changed',
  jobTokenDelta: 'com.threads-agent.content.job.token-delta',
  jobRegenerating: 'com.threads-agent.content.job.regenerating',
  trajectoryCreated: 'com.threads-agent.emotion.trajectory.created',
  experimentUpdated: 'com.threads-agent.experiments.experiment.updated',
  achievementCreated: 'com.threads-agent.achievements.achievement.created',
  githubDeliveryReceived: 'com.threads-agent.achievements.github-delivery.received',
} as const;

/** `jobs.content.generate`: the job row holds everything else. */
export const generateJobData = z.object({ jobId: z.uuid() });
export type GenerateJobData = z.infer<typeof generateJobData>;

/** `events.content.post.created`. */
export const postCreatedData = z.object({
  postId: z.uuid(),
  personaId: z.uuid(),
  jobId: z.uuid().nullable(),
  /** Full text to analyse: hook, blank line, body. */
  text: z.string(),
  variantId: z.uuid().nullable(),
});
export type PostCreatedData = z.infer<typeof postCreatedData>;

/** `jobs.content.publish`: the post row holds everything else. */
export const publishPostData = z.object({ postId: z.uuid() });
export type PublishPostData = z.infer<typeof publishPostData>;

/** `events.content.post.published`: where the post now lives. */
export const postPublishedData = z.object({
  postId: z.uuid(),
  personaId: z.uuid(),
  /** `simulated` (the built-in simulated Threads) or `threads` (the Threads API). */
  publisher: z.string(),
  /** The post's id at the publisher (Threads media id). */
  externalId: z.string(),
  url: z.string(),
  /** ISO 8601. */
  publishedAt: z.string(),
});
export type PostPublishedData = z.infer<typeof postPublishedData>;

/** `events.content.post.engagement`: cumulative totals of the post (absolute, so replays are harmless). */
export const postEngagementData = z.object({
  postId: z.uuid(),
  personaId: z.uuid(),
  impressions: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  follows: z.number().int().nonnegative(),
});
export type PostEngagementData = z.infer<typeof postEngagementData>;

/** `events.content.job.<id>`: keys and the new status only; clients resolve the rest. */
export const jobStatusChangedData = z.object({
  jobId: z.uuid(),
  personaId: z.uuid(),
  status: z.enum(['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED', 'BLOCKED']),
  postId: z.uuid().nullable(),
});
export type JobStatusChangedData = z.infer<typeof jobStatusChangedData>;

/**
 * `progress.content.job.<id>`: one streamed text delta, with everything written so far (`text`:
 * hook, blank line, body), so a subscriber who missed earlier deltas reads the whole text at once.
 */
export const jobTokenDeltaData = z.object({
  jobId: z.uuid(),
  personaId: z.uuid(),
  delta: z.string(),
  text: z.string(),
  part: z.enum(['hook', 'body']),
});
export type JobTokenDeltaData = z.infer<typeof jobTokenDeltaData>;

/**
 * `progress.content.job.<id>`: the job's text duplicated an earlier post of its persona (or was
 * below the quality gate) and is being rewritten, so its streamed text starts again (the next deltas carry only the new text).
 */
export const jobRegeneratingData = z.object({
  jobId: z.uuid(),
  personaId: z.uuid(),
  /** Rewrite number: 1 for the first rewrite. */
  regeneration: z.number().int().positive(),
  /** The earlier post the discarded text duplicated; null when it was below the quality gate. */
  duplicateOf: z.uuid().nullable(),
  /** Cosine similarity of the discarded text to that post, or its content quality score (duplicateOf null), 0..1. */
  score: z.number().min(0).max(1),
});
export type JobRegeneratingData = z.infer<typeof jobRegeneratingData>;

/** `events.emotion.trajectory.created`. */
export const trajectoryCreatedData = z.object({
  trajectoryId: z.uuid(),
  postId: z.uuid(),
  personaId: z.uuid(),
  jobId: z.uuid().nullable(),
});
export type TrajectoryCreatedData = z.infer<typeof trajectoryCreatedData>;

/** `events.experiments.experiment.updated`. */
export const experimentUpdatedData = z.object({ experimentId: z.uuid(), status: z.string() });
export type ExperimentUpdatedData = z.infer<typeof experimentUpdatedData>;

/**
 * `events.achievements.achievement.created`: the key, plus what a post about it needs (the content
 * subgraph's auto content pipeline writes about portfolio-ready achievements from this alone).
 */
export const achievementCreatedData = z.object({
  achievementId: z.uuid(),
  title: z.string(),
  description: z.string(),
  /** `AchievementCategory`, e.g. `FEATURE`. */
  category: z.string(),
  skills: z.array(z.string()),
  /** 0..100. */
  impactScore: z.number(),
  /** USD, null when unknown. */
  businessValue: z.number().nullable(),
  portfolioReady: z.boolean(),
});
export type AchievementCreatedData = z.infer<typeof achievementCreatedData>;

/** `jobs.achievements.github-delivery`: the verified delivery is stored; its row holds the payload. */
export const githubDeliveryData = z.object({ deliveryId: z.string().min(1).max(200) });
export type GithubDeliveryData = z.infer<typeof githubDeliveryData>;

/** Request of the `describeAchievement` service endpoint. */
export const describeAchievementRequest = z.object({ achievementId: z.uuid() });
export type DescribeAchievementRequest = z.infer<typeof describeAchievementRequest>;

/** Reply of the `describeAchievement` endpoint: null when the achievement does not exist. */
export const describeAchievementReply = z.object({
  achievement: achievementCreatedData.nullable(),
});
export type DescribeAchievementReply = z.infer<typeof describeAchievementReply>;

/** Request of the `assignVariant` service endpoint. */
export const assignVariantRequest = z.object({
  jobId: z.uuid(),
  /** Id the post will get (pre-allocated on the job), so that `Post.variant` resolves at once. */
  postId: z.uuid(),
  personaId: z.uuid(),
  /** Experiment asked for explicitly; null means the persona's active experiment, if any. */
  experimentId: z.uuid().nullable(),
});
export type AssignVariantRequest = z.infer<typeof assignVariantRequest>;

/** Reply of the `assignVariant` endpoint: `variant` is null when no experiment is active. */
export const assignVariantReply = z.object({
  variant: z
    .object({
      id: z.uuid(),
      experimentId: z.uuid(),
      name: z.string(),
      dimensions: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type AssignVariantReply = z.infer<typeof assignVariantReply>;
