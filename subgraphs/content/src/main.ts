// Entry point: `main.ts` serves the content subgraph, `main.ts worker` runs its worker.
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadContentConfig } from './config';
import { startContentSubgraph } from './server';
import { startContentWorker } from './worker';

runSubgraphEntryPoint('content', {
  server: () => startContentSubgraph(loadContentConfig(process.env)),
  worker: () => startContentWorker(loadContentConfig(process.env)),
});
