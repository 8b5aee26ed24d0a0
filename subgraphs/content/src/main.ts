import { runEntryPoint } from '../../../lib/server';
import { loadContentConfig } from './config';
import { startContentSubgraph } from './server';

runEntryPoint('content', () => startContentSubgraph(loadContentConfig(process.env)));
