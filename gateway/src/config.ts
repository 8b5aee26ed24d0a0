import { join } from 'node:path';
import { z } from 'zod';
import { adminHost, commonFields, flag, optionalString, optionalUrl, parseConfig, port, positiveInt, tracingFields } from '../../lib/config';
import { subgraphCallFields } from './subgraph-calls';

const secret = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'at least 32 characters').optional());

const schema = z
  .object({
    NATS_URL: commonFields.NATS_URL,
    NATS_PREFIX: commonFields.NATS_PREFIX,
    LOG_LEVEL: commonFields.LOG_LEVEL,
    LOG_FORMAT: commonFields.LOG_FORMAT,
    NODE_ENV: commonFields.NODE_ENV,
    GATEWAY_PORT: port(4000),
    GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
    GATEWAY_ADMIN_PORT: port(9100),
    ADMIN_HOST: adminHost,
    SUPERGRAPH_PATH: z.string().min(1).default(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    /** The dashboard's build (`npm run build:dashboard`), served at `/`. */
    DASHBOARD_DIR: z.string().min(1).default(join(__dirname, '..', '..', 'dashboard', 'dist')),
    CONTENT_URL: optionalUrl(),
    ACHIEVEMENTS_URL: optionalUrl(),
    EXPERIMENTS_URL: optionalUrl(),
    EMOTION_URL: optionalUrl(),
    SUBSCRIPTION_QUEUE_LIMIT: positiveInt(1000),
    SUBSCRIPTION_TRAJECTORY_WAIT_MS: positiveInt(60_000),
    AUTH_JWT_SECRET: secret,
    AUTH_JWKS_URL: optionalUrl(),
    AUTH_ISSUER: optionalString(),
    AUTH_AUDIENCE: optionalString(),
    AUTH_SCOPES_CLAIM: z.string().min(1).default('scope'),
    SUBGRAPH_JWT_SECRET: secret,
    GRAPHIQL_DEV_TOKEN: optionalString(),
    GRAPHQL_INTROSPECTION: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).optional()),
    MAX_DEPTH: positiveInt(12),
    MAX_ALIASES: positiveInt(15),
    MAX_DIRECTIVES: positiveInt(20),
    MAX_TOKENS: positiveInt(2000),
    COST_LIMIT: positiveInt(5000),
    RATE_LIMIT_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_COST_PER_REQUEST: positiveInt(100),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('threads-agent:rate'),
    REDIS_URL: optionalUrl(),
    BLOCK_FIELD_SUGGESTIONS: flag(true),
    PERSISTED_OPERATIONS: z.enum(['apq', 'enforce', 'off']).default('apq'),
    PERSISTED_OPERATIONS_MANIFEST: optionalString(),
    APQ_TTL_SECONDS: positiveInt(86_400),
    ...subgraphCallFields,
    ...tracingFields,
  })
  .superRefine((config, ctx) => {
    if (!config.AUTH_JWT_SECRET === !config.AUTH_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_SECRET'],
        message: 'set exactly one of AUTH_JWT_SECRET (HS256) and AUTH_JWKS_URL (RS256/ES256); `npm start` generates a local secret',
      });
    }
    if (config.PERSISTED_OPERATIONS === 'enforce' && !config.PERSISTED_OPERATIONS_MANIFEST) {
      ctx.addIssue({ code: 'custom', path: ['PERSISTED_OPERATIONS_MANIFEST'], message: 'required with PERSISTED_OPERATIONS=enforce (an Apollo persisted-query manifest)' });
    }
    if (!config.SUBGRAPH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SUBGRAPH_JWT_SECRET'], message: 'required: the gateway signs every subgraph request with it' });
    }
  })
  .transform((config) => ({
    ...config,
    SUBGRAPH_JWT_SECRET: config.SUBGRAPH_JWT_SECRET!,
    GRAPHQL_INTROSPECTION: config.GRAPHQL_INTROSPECTION === undefined ? config.NODE_ENV === 'development' : ['true', '1'].includes(config.GRAPHQL_INTROSPECTION),
    GRAPHIQL_DEV_TOKEN: config.NODE_ENV === 'development' ? config.GRAPHIQL_DEV_TOKEN : undefined,
  }));

/** Configuration of the gateway (see README, "Configuration"). */
export type GatewayConfig = Readonly<z.output<typeof schema>>;

/**
 * Parses the gateway's environment.
 *
 * @throws {ConfigError} listing every invalid variable
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return parseConfig(schema, env);
}

/** Subgraph URL overrides by subgraph name (the supergraph's URLs are used otherwise). */
export function subgraphUrlOverrides(config: GatewayConfig): Record<string, string | undefined> {
  return {
    content: config.CONTENT_URL,
    achievements: config.ACHIEVEMENTS_URL,
    experiments: config.EXPERIMENTS_URL,
    emotion: config.EMOTION_URL,
  };
}
