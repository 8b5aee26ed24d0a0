import { runEntryPoint } from '../../../lib/server';
import { loadContentConfig } from './config';
import { startContentWorker } from './worker';

runEntryPoint('content-worker', () => startContentWorker(loadContentConfig(process.env)));
