import { z } from 'zod';
import { commonFields, delayList, optionalString, optionalUrl, parseConfig, port, positiveInt } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { CONTENT_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

const threadsAccount = z.object({ userId: z.string().min(1), accessToken: z.string().min(1) });

/** `THREADS_ACCOUNTS`: JSON object of persona handle to Threads account; unset or empty: none. */
const threadsAccounts = z.preprocess((v) => {
  if (v === undefined || v === '') return {};
  try {
    return JSON.parse(String(v));
  } catch {
    return v;
  }
}, z.record(z.string().min(1), threadsAccount, { error: 'must be a JSON object of persona handle to {"userId","accessToken"}' }));

const schema = z.object({
  ...commonFields,
  CONTENT_PORT: port(4001),
  CONTENT_ADMIN_PORT: port(9101),
  CONTENT_WORKER_ADMIN_PORT: port(9201),
  CONTENT_DATABASE_URL: optionalUrl(),
  DB_POOL_MAX: positiveInt(5),
  OPENAI_API_KEY: optionalString(),
  OPENAI_BASE_URL: optionalUrl(),
  OPENAI_TIMEOUT_MS: positiveInt(60_000),
  OFFLINE_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(120),
  CONTENT_CONSUMER_DURABLE: z.string().min(1).default('content-generator'),
  GENERATION_CONCURRENCY: positiveInt(4),
  GENERATION_MAX_DELIVER: positiveInt(5),
  GENERATION_ACK_WAIT_MS: positiveInt(30_000),
  GENERATION_RETRY_DELAYS_MS: delayList('1000,5000,15000,30000'),
  VARIANT_TIMEOUT_MS: positiveInt(2000),
  /** Wait for achievements' `achievements.describe` reply (`generatePost` with an `achievementId`). */
  ACHIEVEMENT_LOOKUP_TIMEOUT_MS: positiveInt(2000),
  /** Name of the persona that writes about new portfolio-ready achievements; unset: the pipeline is off. */
  AUTO_CONTENT_PERSONA: optionalString(),
  /** EVENTS durable consumer of `achievement.created` (the auto content pipeline). */
  CONTENT_ACHIEVEMENTS_DURABLE: z.string().min(1).default('content-achievements'),
  SWEEP_INTERVAL_MS: positiveInt(10_000),
  SWEEP_MIN_AGE_MS: positiveInt(5_000),
  /** Cosine (0..1) from which a new text duplicates an earlier post of the same persona. */
  DEDUP_THRESHOLD: z.coerce.number().min(0).max(1).default(0.9),
  /** Texts of a generation job that may duplicate an earlier post, the first included, before it fails with `DUPLICATE_CONTENT` (rewrites for quality not counted). */
  DEDUP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Content quality score (0..1) a post needs; below it the job rewrites once, then ends BLOCKED. */
  QUALITY_MIN: z.coerce.number().min(0).max(1).default(0.7),
  /** Qdrant's REST URL; unset: the exact index in the content schema. */
  QDRANT_URL: optionalUrl(),
  QDRANT_API_KEY: optionalString(),
  /** OpenAI embedding model (with `OPENAI_API_KEY`; else the offline hashing embedding). */
  EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** Where posts are published: the built-in `simulated` Threads (default) or the `threads` API. */
  PUBLISHER: z.enum(['simulated', 'threads']).default('simulated'),
  /** Simulated hours that pass in one real second (simulated Threads; 1: a post's 6 simulated hours in 6 s). */
  SIMULATED_HOURS_PER_SECOND: z.coerce.number().positive().max(1_000_000).default(1),
  /** Threads Graph API base, with its version. */
  THREADS_API_URL: z.url().default('https://graph.threads.net/v1.0'),
  /** Threads accounts by persona handle, JSON: `{"ai-jesus":{"userId":"...","accessToken":"..."}}` (secret). */
  THREADS_ACCOUNTS: threadsAccounts,
  THREADS_TIMEOUT_MS: positiveInt(10_000),
  /** Time between reads of a Threads post's insights (ms), for `THREADS_INSIGHTS_HOURS` after publication. */
  THREADS_INSIGHTS_INTERVAL_MS: positiveInt(3_600_000),
  THREADS_INSIGHTS_HOURS: positiveInt(48),
  /** JOBS durable consumer of `jobs.content.publish`. */
  CONTENT_PUBLISHER_DURABLE: z.string().min(1).default('content-publisher'),
  PUBLISH_CONCURRENCY: positiveInt(2),
  PUBLISH_MAX_DELIVER: positiveInt(5),
  PUBLISH_RETRY_DELAYS_MS: delayList('2000,10000,30000,60000'),
  /** How often the worker asks the publisher for the engagement of posts whose report is due (ms). */
  ENGAGEMENT_POLL_INTERVAL_MS: positiveInt(1000),
});

/** Configuration of the content subgraph and its worker (see README, "Configuration"). */
export type ContentConfig = Readonly<z.output<typeof schema>>;

/**
 * Parses the content service's environment.
 *
 * @throws {ConfigError} listing every invalid variable
 */
export function loadContentConfig(env: NodeJS.ProcessEnv): ContentConfig {
  return parseConfig(schema, env);
}

/** The content subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const contentSubgraph: SubgraphBase<ContentConfig> = {
  name: 'content',
  dbSchema: CONTENT_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.CONTENT_PORT,
    adminPort: config.CONTENT_ADMIN_PORT,
    workerAdminPort: config.CONTENT_WORKER_ADMIN_PORT,
    databaseUrl: config.CONTENT_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
