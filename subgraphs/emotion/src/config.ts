import { z } from 'zod';
import { commonFields, delayList, optionalUrl, parseConfig, port, positiveInt } from '../../../lib/config';
import type { SubgraphBase } from '../../../lib/server';
import { EMOTION_SCHEMA } from './db/database';
import { migrations } from './db/migrations';

const schema = z.object({
  ...commonFields,
  EMOTION_PORT: port(4004),
  EMOTION_ADMIN_PORT: port(9104),
  EMOTION_WORKER_ADMIN_PORT: port(9204),
  EMOTION_DATABASE_URL: optionalUrl(),
  DB_POOL_MAX: positiveInt(5),
  EMOTION_CONSUMER_DURABLE: z.string().min(1).default('emotion-analyzer'),
  EMOTION_WORKER_CONCURRENCY: positiveInt(4),
  EMOTION_MAX_DELIVER: positiveInt(5),
  EMOTION_ACK_WAIT_MS: positiveInt(30_000),
  EMOTION_RETRY_DELAYS_MS: delayList('1000,5000,15000'),
});

/** Configuration of the emotion subgraph and its worker (see README, "Configuration"). */
export type EmotionConfig = Readonly<z.output<typeof schema>>;

/**
 * Parses the emotion service's environment.
 *
 * @throws {ConfigError} listing every invalid variable
 */
export function loadEmotionConfig(env: NodeJS.ProcessEnv): EmotionConfig {
  return parseConfig(schema, env);
}

/** The emotion subgraph's name, Postgres schema, migrations and endpoints (shared by its processes). */
export const emotionSubgraph: SubgraphBase<EmotionConfig> = {
  name: 'emotion',
  dbSchema: EMOTION_SCHEMA,
  migrations,
  endpoints: (config) => ({
    port: config.EMOTION_PORT,
    adminPort: config.EMOTION_ADMIN_PORT,
    workerAdminPort: config.EMOTION_WORKER_ADMIN_PORT,
    databaseUrl: config.EMOTION_DATABASE_URL ?? config.DATABASE_URL,
  }),
};
