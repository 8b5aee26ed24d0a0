import { createBenchEnvironment } from './lib/environment';
import { startPlatform } from './lib/platform';
import { seedPlatform } from './lib/seed';
import { runGatewayScenario } from './scenarios/gateway';
import { createLogger } from '../lib/logger';

async function main() {
  const logger = createLogger('bench', 'info', { pretty: true });
  const env = await createBenchEnvironment();
  const platform = await startPlatform(env);
  try {
    const seeded = await seedPlatform(platform, 60);
    const result = await runGatewayScenario(platform, seeded, { connections: 50, durationSeconds: 5, warmupSeconds: 1, profileDir: '/tmp/bench-prof', logger });
    process.stdout.write(JSON.stringify(result, null, 1).slice(0, 12000) + '\n');
  } finally {
    await platform.stop();
    await env.dispose();
  }
}
void main();
