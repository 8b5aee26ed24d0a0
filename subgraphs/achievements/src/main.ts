// Entry point: `main.ts` serves the achievements subgraph, `main.ts worker` runs its worker.
// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../../../lib/tracing/preload';
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadAchievementsConfig } from './config';
import { startAchievementsSubgraph } from './server';
import { startAchievementsWorker } from './worker';

runSubgraphEntryPoint('achievements', {
  server: () => startAchievementsSubgraph(loadAchievementsConfig(process.env)),
  worker: () => startAchievementsWorker(loadAchievementsConfig(process.env)),
});
