import { z } from 'zod';
import { commonFields, delayList, optionalString, optionalUrl, parseConfig, port, positiveInt } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { CONTENT_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

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
  /** Texts a generation job writes at most, the first included, before it fails with `DUPLICATE_CONTENT`. */
  DEDUP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Content quality score (0..1) a post needs; below it the job rewrites once, then ends BLOCKED. */
  QUALITY_MIN: z.coerce.number().min(0).max(1).default(0.7),
  /** Qdrant's REST URL; unset: the exact index in the content schema. */
  QDRANT_URL: optionalUrl(),
  QDRANT_API_KEY: optionalString(),
  /** OpenAI embedding model (with `OPENAI_API_KEY`; else the offline hashing embedding). */
  EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
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
