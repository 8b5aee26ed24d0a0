// Entry point: `main.ts` serves the content subgraph, `main.ts worker` runs its worker.
// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../../../lib/tracing/preload';
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadContentConfig } from './config';
import { startContentSubgraph } from './server';
import { startContentWorker } from './worker';

runSubgraphEntryPoint('content', {
  server: () => startContentSubgraph(loadContentConfig(process.env)),
  worker: () => startContentWorker(loadContentConfig(process.env)),
});
