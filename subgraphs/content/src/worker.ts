import { runEntryPoint } from '../../../lib/server';
import { loadContentConfig } from './config';
import { startContentWorker } from './worker/start-worker';

runEntryPoint('content-worker', () => startContentWorker(loadContentConfig(process.env)));
