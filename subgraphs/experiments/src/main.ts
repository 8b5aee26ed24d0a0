// Entry point: `main.ts` serves the experiments subgraph, `main.ts worker` runs its worker.
// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../../../lib/tracing/preload';
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadExperimentsConfig } from './config';
import { startExperimentsSubgraph } from './server';
import { startExperimentsWorker } from './worker';

runSubgraphEntryPoint('experiments', {
  server: () => startExperimentsSubgraph(loadExperimentsConfig(process.env)),
  worker: () => startExperimentsWorker(loadExperimentsConfig(process.env)),
});
