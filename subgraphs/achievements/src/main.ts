// Entry point of the achievements subgraph process.
import { runEntryPoint } from '../../../lib/server';
import { loadAchievementsConfig } from './config';
import { startAchievementsSubgraph } from './server';

runEntryPoint('achievements', () => startAchievementsSubgraph(loadAchievementsConfig(process.env)));
