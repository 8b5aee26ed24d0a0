// Entry point of the experiments subgraph (GraphQL server).
import { runEntryPoint } from '../../../lib/server';
import { loadExperimentsConfig } from './config';
import { startExperimentsSubgraph } from './server';

runEntryPoint('experiments', () => startExperimentsSubgraph(loadExperimentsConfig(process.env)));
