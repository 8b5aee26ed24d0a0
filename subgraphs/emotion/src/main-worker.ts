import { runEntryPoint } from '../../../lib/server';
import { loadEmotionConfig } from './config';
import { startEmotionWorker } from './worker';

runEntryPoint('emotion-worker', () => startEmotionWorker(loadEmotionConfig(process.env)));
