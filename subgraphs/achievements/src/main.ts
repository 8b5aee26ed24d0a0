// Entry point: `main.ts` serves the achievements subgraph.
import { runSubgraphEntryPoint } from '../../../lib/server';
import { loadAchievementsConfig } from './config';
import { startAchievementsSubgraph } from './server';

runSubgraphEntryPoint('achievements', { server: () => startAchievementsSubgraph(loadAchievementsConfig(process.env)) });
