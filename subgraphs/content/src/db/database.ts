import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { BlockReason } from '../domain/guardrail';
import type { HookStyleName } from '../domain/persona-voice';
import type { TraceCarrier } from '../../../../lib/tracing';

/** Postgres schema owned by the content subgraph. */
export const CONTENT_SCHEMA = 'content';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `numeric` comes back from pg as a string; we write numbers. */
type Numeric = ColumnType<string, number | string, number | string>;

/** Job lifecycle (brief §4 `JobStatus`; BLOCKED: stopped by the guardrail or the quality gate). */
export type JobStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'BLOCKED';
/** `jsonb` array written as JSON text, read back parsed. */
type JsonReasons = ColumnType<BlockReason[], string | undefined, string>;
/** `jsonb` array of strings written as JSON text, read back parsed. */
type JsonStrings<T extends string = string> = ColumnType<T[], string | undefined, string>;
/** Step of a running job, for progress display. */
export type JobStage = 'QUEUED' | 'ASSIGNING_VARIANT' | 'WRITING_HOOK' | 'WRITING_BODY' | 'STORING' | 'DONE';
/** Editorial state of a post (`domain/post-lifecycle.ts` says which changes are allowed). */
export type PostStatus = 'DRAFT' | 'PUBLISHING' | 'PUBLISHED' | 'PUBLISH_FAILED' | 'ARCHIVED';

/** `content.personas`: who writes (voice, models). */
export interface PersonasTable {
  id: Generated<string>;
  name: string;
  emoji: string;
  tone: string;
  description: string;
  hook_model: string;
  body_model: string;
  /** `sub` of the caller who created the row; null for rows from before authentication. */
  created_by: string | null;
  /** Reply magnets (0..10): one is appended to each post's body (`domain/persona-voice.ts`). */
  reply_magnets: JsonStrings;
  /** Wraps the hook with the persona's emoji (the seed's `format` step). */
  hook_emoji: Generated<boolean>;
  /** Hook styles the persona prefers (lower case, `domain/persona-voice.ts`); empty: any. */
  preferred_hook_styles: JsonStrings<HookStyleName>;
  /** New posts are published as soon as they are stored. */
  auto_publish: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** `content.generation_jobs`: one asynchronous request for a post. */
export interface GenerationJobsTable {
  id: Generated<string>;
  persona_id: string;
  topic: string;
  status: Generated<JobStatus>;
  stage: Generated<JobStage>;
  attempts: Generated<number>;
  /** Attempts made before the latest `retryGenerationJob` (0 until then): a retry's attempts go on from there. */
  attempt_base: Generated<number>;
  error: string | null;
  idempotency_key: string | null;
  /** Experiment asked for by the client (null: the persona's active one, if any). */
  experiment_id: string | null;
  /** Variant assigned by experiments (null: none active or experiments unavailable). */
  variant_id: string | null;
  /** Text written so far (hook, blank line, body), saved a few times a second while the job runs; the post's text once COMPLETED. */
  text: string | null;
  /** Id the post will have, allocated with the job: one job makes at most one post. */
  post_id: Generated<string>;
  /** When the JOBS message was accepted by JetStream; null means "to (re)publish". */
  published_at: Timestamp | null;
  /** `sub` of the caller who created the row; null for rows from before authentication. */
  created_by: string | null;
  /** Achievement (achievements subgraph) the post is about; copied to the post. Null: a free topic. */
  achievement_id: string | null;
  /** Why the job FAILED (`DUPLICATE_CONTENT`, `GENERATION_FAILED`); null otherwise. */
  error_code: string | null;
  /** The earlier post of the persona a `DUPLICATE_CONTENT` job's last text duplicated. */
  duplicate_of_post_id: string | null;
  /** Texts rewritten because they duplicated an earlier post (0 when the first text was stored). */
  regenerations: Generated<number>;
  /** Why the job ended BLOCKED (guardrail checks, quality gate); empty otherwise. */
  block_reasons: JsonReasons;
  /** W3C trace context the job was queued in (`{"traceparent": …}`), continued by the sweeper's publish; null outside a trace. */
  trace_context: ColumnType<TraceCarrier | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
}

/** `content.posts`: a generated post. `cost_usd` in USD, `tokens_used` prompt + completion. */
export interface PostsTable {
  id: string;
  persona_id: string;
  job_id: string | null;
  hook: string;
  body: string;
  original_input: string;
  tokens_used: number;
  cost_usd: Numeric;
  model: string;
  variant_id: string | null;
  /** Achievement (achievements subgraph) the post is about, from its job; null for other posts. */
  achievement_id: string | null;
  /** (likes + replies + reposts) / impressions, 0..1 in practice; null before any impression. */
  engagement_rate: Numeric | null;
  /** Content quality score, 0..1 (`domain/quality-score.ts`); null for posts from before the gate. */
  quality_score: number | null;
  status: Generated<PostStatus>;
  /** Who published it (`simulated`, `threads`); null before the first publication. */
  publisher: string | null;
  /** The post's id at the publisher (Threads media id). */
  external_id: string | null;
  url: string | null;
  published_at: Timestamp | null;
  /** Why the last publication failed (PUBLISH_FAILED); null otherwise. */
  publish_error: string | null;
  /** Threads media container made for the post, reused by a retry. */
  publish_container_id: string | null;
  /** When the current publication was asked for (names its JOBS message: `publish:<post>:<ms>`). */
  publish_requested_at: Timestamp | null;
  /** When the publish message was accepted by JetStream; null while PUBLISHING means "to (re)queue". */
  publish_queued_at: Timestamp | null;
  /** When the publisher is next asked for the post's engagement; null when none is due. */
  metrics_next_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** `content.post_engagement`: cumulative engagement totals of a post. */
export interface PostEngagementTable {
  post_id: string;
  impressions: number;
  likes: number;
  replies: number;
  reposts: number;
  follows: number;
  updated_at: Generated<Date>;
}

/**
 * `content.post_embeddings`: the 1536-d unit-length embedding of a post, written in the post's
 * transaction: the exact vector index, and the source the external index (Qdrant) is filled from.
 * `created_at` is the post's (same transaction).
 */
export interface PostEmbeddingsTable {
  post_id: string;
  persona_id: string;
  /** Who computed it: `hashing` or `openai`. */
  provider: string;
  /** Embedding space (`hashing`, `text-embedding-3-small`...); vectors are compared within one. */
  model: Generated<string>;
  embedding: number[];
  /** When the vector reached the external index; null while it has not (or none is configured). */
  indexed_at: Timestamp | null;
  created_at: Generated<Date>;
  /** Insertion number (`bigint` identity, read as a decimal string): later inserts have larger ones. */
  seq: Generated<string>;
}

/** Typed tables of the `content` schema. */
export interface ContentDatabase {
  personas: PersonasTable;
  generation_jobs: GenerationJobsTable;
  posts: PostsTable;
  post_engagement: PostEngagementTable;
  post_embeddings: PostEmbeddingsTable;
}

export type PersonaRow = Selectable<PersonasTable>;
export type GenerationJobRow = Selectable<GenerationJobsTable>;
export type PostRow = Selectable<PostsTable>;
export type NewPost = Insertable<PostsTable>;
export type PostEngagementRow = Selectable<PostEngagementTable>;
export type PostEmbeddingRow = Selectable<PostEmbeddingsTable>;
