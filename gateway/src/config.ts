import { join } from 'node:path';
import { z } from 'zod';
import { commonFields, optionalUrl, parseConfig, port, positiveInt } from '../../lib/config';

const schema = z.object({
  NATS_URL: commonFields.NATS_URL,
  LOG_LEVEL: commonFields.LOG_LEVEL,
  NODE_ENV: commonFields.NODE_ENV,
  GATEWAY_PORT: port(4000),
  GATEWAY_ADMIN_PORT: port(9100),
  SUPERGRAPH_PATH: z.string().min(1).default(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
  CONTENT_URL: optionalUrl(),
  ACHIEVEMENTS_URL: optionalUrl(),
  EXPERIMENTS_URL: optionalUrl(),
  EMOTION_URL: optionalUrl(),
  SUBSCRIPTION_QUEUE_LIMIT: positiveInt(1000),
  SUBSCRIPTION_TRAJECTORY_WAIT_MS: positiveInt(60_000),
});

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
