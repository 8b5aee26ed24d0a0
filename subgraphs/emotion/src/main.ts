// Entry point: `main.ts` serves the emotion subgraph, `main.ts worker` runs its worker.
// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../../../lib/tracing/preload';
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadEmotionConfig } from './config';
import { startEmotionSubgraph } from './server';
import { startEmotionWorker } from './worker';

runSubgraphEntryPoint('emotion', {
  server: () => startEmotionSubgraph(loadEmotionConfig(process.env)),
  worker: () => startEmotionWorker(loadEmotionConfig(process.env)),
});
