// The container image's one entry point (compiled: `node dist/scripts/service.js <service>`):
//   gateway | subgraph <name> | worker <name> | migrate
// where <name> is content, achievements, experiments or emotion. Each service runs exactly as its
// own entry point does under `npm start` (`runEntryPoint`: .env, graceful SIGTERM, one clear line
// and exit 1 on a start-up failure); `migrate` migrates every schema, then exits (0, or 1 on failure).
// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../lib/tracing/preload';
import { loadGatewayConfig } from '../gateway/src/config';
import { startGateway } from '../gateway/src/server';
import { loadDotEnv } from '../lib/config';
import { createLogger } from '../lib/logger';
import { runEntryPoint, runSubgraphEntryPoint } from '../lib/server';
import type { SubgraphRoles } from '../lib/server';
import { loadAchievementsConfig } from '../subgraphs/achievements/src/config';
import { startAchievementsSubgraph } from '../subgraphs/achievements/src/server';
import { startAchievementsWorker } from '../subgraphs/achievements/src/worker';
import { loadContentConfig } from '../subgraphs/content/src/config';
import { startContentSubgraph } from '../subgraphs/content/src/server';
import { startContentWorker } from '../subgraphs/content/src/worker';
import { loadEmotionConfig } from '../subgraphs/emotion/src/config';
import { startEmotionSubgraph } from '../subgraphs/emotion/src/server';
import { startEmotionWorker } from '../subgraphs/emotion/src/worker';
import { loadExperimentsConfig } from '../subgraphs/experiments/src/config';
import { startExperimentsSubgraph } from '../subgraphs/experiments/src/server';
import { startExperimentsWorker } from '../subgraphs/experiments/src/worker';
import { migrateAll } from './lib/migrate-all';

const SUBGRAPHS: Record<string, SubgraphRoles> = {
  content: {
    server: () => startContentSubgraph(loadContentConfig(process.env)),
    worker: () => startContentWorker(loadContentConfig(process.env)),
  },
  achievements: {
    server: () => startAchievementsSubgraph(loadAchievementsConfig(process.env)),
    worker: () => startAchievementsWorker(loadAchievementsConfig(process.env)),
  },
  experiments: {
    server: () => startExperimentsSubgraph(loadExperimentsConfig(process.env)),
    worker: () => startExperimentsWorker(loadExperimentsConfig(process.env)),
  },
  emotion: {
    server: () => startEmotionSubgraph(loadEmotionConfig(process.env)),
    worker: () => startEmotionWorker(loadEmotionConfig(process.env)),
  },
};

const USAGE = `usage: service.js gateway | subgraph <name> | worker <name> | migrate (name: ${Object.keys(SUBGRAPHS).join(', ')})`;

function migrate(): void {
  const logger = createLogger('migrate', process.env.LOG_LEVEL ?? 'info');
  try {
    loadDotEnv();
  } catch (err) {
    logger.fatal({ err }, `.env cannot be read: ${(err as Error).message}`);
    process.exit(1);
  }
  migrateAll(process.env, logger).then(
    () => logger.flush(() => process.exit(0)),
    (err: unknown) => {
      logger.fatal({ err }, 'migration failed');
      logger.flush(() => process.exit(1));
    },
  );
}

function main(argv: readonly string[]): void {
  const [command, name, ...rest] = argv;
  const roles = name === undefined ? undefined : SUBGRAPHS[name];
  if (command === 'gateway' && name === undefined) {
    process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
    return runEntryPoint('gateway', () => startGateway(loadGatewayConfig(process.env)));
  }
  if (command === 'migrate' && name === undefined) return migrate();
  if ((command === 'subgraph' || command === 'worker') && roles && rest.length === 0) {
    return runSubgraphEntryPoint(name!, roles, [command === 'subgraph' ? 'server' : 'worker']);
  }
  createLogger('service').fatal({ argv }, USAGE);
  process.exit(2);
}

main(process.argv.slice(2));
