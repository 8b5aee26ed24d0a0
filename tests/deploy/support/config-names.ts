import { loadGatewayConfig } from '../../../gateway/src/config';
import { loadAchievementsConfig } from '../../../subgraphs/achievements/src/config';
import { loadContentConfig } from '../../../subgraphs/content/src/config';
import { loadEmotionConfig } from '../../../subgraphs/emotion/src/config';
import { loadExperimentsConfig } from '../../../subgraphs/experiments/src/config';

/**
 * Names of the environment variables the services' config loaders return (every variable with a
 * default, plus those set in the minimal environment given to them here), over the gateway and the
 * four subgraphs.
 */
export function serviceConfigNames(): Set<string> {
  const secret = 'x'.repeat(32);
  const env: NodeJS.ProcessEnv = { AUTH_JWT_SECRET: secret, SUBGRAPH_JWT_SECRET: secret };
  const configs: object[] = [loadGatewayConfig(env), loadContentConfig(env), loadAchievementsConfig(env), loadExperimentsConfig(env), loadEmotionConfig(env)];
  return new Set(configs.flatMap((config) => Object.keys(config)));
}
