import { runEntryPoint } from '../../../lib/server';
import { loadEmotionConfig } from './config';
import { startEmotionSubgraph } from './server';

runEntryPoint('emotion', () => startEmotionSubgraph(loadEmotionConfig(process.env)));
