import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGatewayConfig } from '../../../gateway/src/config';
import { loadAchievementsConfig } from '../../../subgraphs/achievements/src/config';
import { loadContentConfig } from '../../../subgraphs/content/src/config';
import { loadEmotionConfig } from '../../../subgraphs/emotion/src/config';
import { loadExperimentsConfig } from '../../../subgraphs/experiments/src/config';

/** `.env.example` as an environment (comments and blank lines skipped). */
function envExample(): NodeJS.ProcessEnv {
  const entries = readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

describe('.env.example', () => {
  it('is accepted by every service once the two secrets are filled in', () => {
    const env = { ...envExample(), AUTH_JWT_SECRET: 'x'.repeat(32), SUBGRAPH_JWT_SECRET: 'y'.repeat(32) };
    const gateway = loadGatewayConfig(env);
    expect(gateway.GRAPHQL_INTROSPECTION).toBe(false);
    expect(gateway.COST_LIMIT).toBe(5000);
    for (const load of [loadContentConfig, loadAchievementsConfig, loadExperimentsConfig, loadEmotionConfig]) {
      expect(load(env).NODE_ENV).toBe('production');
    }
  });

  it('makes the gateway refuse to start without a user token key or the subgraph secret', () => {
    expect(() => loadGatewayConfig(envExample())).toThrow(/AUTH_JWT_SECRET[\s\S]*SUBGRAPH_JWT_SECRET/);
  });
});
