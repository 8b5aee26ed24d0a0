// Entry point: `main.ts` serves the experiments subgraph, `main.ts worker` runs its worker.
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadExperimentsConfig } from './config';
import { startExperimentsSubgraph } from './server';
import { startExperimentsWorker } from './worker';

runSubgraphEntryPoint('experiments', {
  server: () => startExperimentsSubgraph(loadExperimentsConfig(process.env)),
  worker: () => startExperimentsWorker(loadExperimentsConfig(process.env)),
});
