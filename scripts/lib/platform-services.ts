import { join } from 'node:path';
import { loadGatewayConfig } from '../../gateway/src/config';
import { ConfigError } from '../../lib/config';
import { loadAchievementsConfig } from '../../subgraphs/achievements/src/config';
import { loadContentConfig } from '../../subgraphs/content/src/config';
import { loadEmotionConfig } from '../../subgraphs/emotion/src/config';
import { loadExperimentsConfig } from '../../subgraphs/experiments/src/config';
import { REPOSITORY_ROOT } from './paths';
import type { ServiceSpec } from './service-process';

export { REPOSITORY_ROOT } from './paths';

/** Every port variable of the platform: the ports `npm start`'s nine processes bind. */
export const PORT_VARIABLES = [
  'GATEWAY_PORT', 'GATEWAY_ADMIN_PORT', 'CONTENT_PORT', 'CONTENT_ADMIN_PORT', 'CONTENT_WORKER_ADMIN_PORT',
  'ACHIEVEMENTS_PORT', 'ACHIEVEMENTS_ADMIN_PORT', 'ACHIEVEMENTS_WORKER_ADMIN_PORT', 'EXPERIMENTS_PORT', 'EXPERIMENTS_ADMIN_PORT',
  'EXPERIMENTS_WORKER_ADMIN_PORT', 'EMOTION_PORT', 'EMOTION_ADMIN_PORT', 'EMOTION_WORKER_ADMIN_PORT',
] as const;

/** The platform's services as `npm start` runs them, one process each. */
export interface PlatformPlan {
  /** Subgraphs and workers first, the gateway last. */
  services: ServiceSpec[];
  /** Public port of the gateway (`GATEWAY_PORT`). */
  gatewayPort: number;
}

const subgraphUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

function portZeroProblems(config: object): string[] {
  return Object.entries(config)
    .filter(([key, value]) => key.endsWith('_PORT') && value === 0)
    .map(([key]) => `${key}: port 0 (any free port) is not supported by npm start, which must know every port before it starts the services; set a fixed port or unset it for the default`);
}

/**
 * Plans the nine processes of `npm start`: the four subgraphs (`subgraphs/<name>/src/main.ts`),
 * the content, achievements, experiments and emotion workers (`subgraphs/<name>/src/main.ts worker`) and the
 * gateway (`gateway/src/main.ts`), each with `env`. Every service keeps its configured or
 * default port; the gateway also gets `CONTENT_URL`, `ACHIEVEMENTS_URL`, `EXPERIMENTS_URL` and
 * `EMOTION_URL` = `http://127.0.0.1:<subgraph port>/graphql` unless they are set.
 *
 * @param env the children's environment (every service parses its own variables from it)
 * @throws {ConfigError} listing every invalid variable of every service at once, including any
 *   port set to 0
 */
export function planPlatform(env: NodeJS.ProcessEnv): PlatformPlan {
  const problems: string[] = [];
  const parse = <T extends object>(load: (env: NodeJS.ProcessEnv) => T, serviceEnv: NodeJS.ProcessEnv): T | null => {
    try {
      const config = load(serviceEnv);
      problems.push(...portZeroProblems(config));
      return config;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.issues.filter((issue) => !problems.includes(issue)));
      return null;
    }
  };
  const content = parse(loadContentConfig, env);
  const achievements = parse(loadAchievementsConfig, env);
  const experiments = parse(loadExperimentsConfig, env);
  const emotion = parse(loadEmotionConfig, env);
  if (!content || !achievements || !experiments || !emotion) throw new ConfigError(problems);
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    CONTENT_URL: env.CONTENT_URL || subgraphUrl(content.CONTENT_PORT),
    ACHIEVEMENTS_URL: env.ACHIEVEMENTS_URL || subgraphUrl(achievements.ACHIEVEMENTS_PORT),
    EXPERIMENTS_URL: env.EXPERIMENTS_URL || subgraphUrl(experiments.EXPERIMENTS_PORT),
    EMOTION_URL: env.EMOTION_URL || subgraphUrl(emotion.EMOTION_PORT),
  };
  const gateway = parse(loadGatewayConfig, gatewayEnv);
  if (!gateway || problems.length > 0) throw new ConfigError(problems);
  const service = (name: string, entry: string, serviceEnv = env, args: string[] = []): ServiceSpec => ({ name, entry: join(REPOSITORY_ROOT, entry), args, env: serviceEnv });
  return {
    services: [
      service('content', 'subgraphs/content/src/main.ts'),
      service('achievements', 'subgraphs/achievements/src/main.ts'),
      service('experiments', 'subgraphs/experiments/src/main.ts'),
      service('emotion', 'subgraphs/emotion/src/main.ts'),
      service('content-worker', 'subgraphs/content/src/main.ts', env, ['worker']),
      service('achievements-worker', 'subgraphs/achievements/src/main.ts', env, ['worker']),
      service('experiments-worker', 'subgraphs/experiments/src/main.ts', env, ['worker']),
      service('emotion-worker', 'subgraphs/emotion/src/main.ts', env, ['worker']),
      service('gateway', 'gateway/src/main.ts', gatewayEnv),
    ],
    gatewayPort: gateway.GATEWAY_PORT,
  };
}
