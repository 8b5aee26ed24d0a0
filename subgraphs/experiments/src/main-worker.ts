// Entry point of the experiments worker (assign-variant service + engagement outcomes consumer).
import { runEntryPoint } from '../../../lib/server';
import { loadExperimentsConfig } from './config';
import { startExperimentsWorker } from './worker';

runEntryPoint('experiments-worker', () => startExperimentsWorker(loadExperimentsConfig(process.env)));
