// A subgraph served as `subgraphs/<name>/src/main.ts` serves it, plus a count of its SQL
// statements that the bench reads over the IPC channel: `{ type: 'sql-count' }` is answered with
// `{ type: 'sql-count', statements }` (the number since the start).
import { runEntryPoint } from '../../lib/server';
import type { RunningService, StartSubgraphOptions } from '../../lib/server';
import { loadAchievementsConfig } from '../../subgraphs/achievements/src/config';
import { startAchievementsSubgraph } from '../../subgraphs/achievements/src/server';
import { loadContentConfig } from '../../subgraphs/content/src/config';
import { startContentSubgraph } from '../../subgraphs/content/src/server';
import { loadEmotionConfig } from '../../subgraphs/emotion/src/config';
import { startEmotionSubgraph } from '../../subgraphs/emotion/src/server';
import { loadExperimentsConfig } from '../../subgraphs/experiments/src/config';
import { startExperimentsSubgraph } from '../../subgraphs/experiments/src/server';

type Starter = (env: NodeJS.ProcessEnv, options: StartSubgraphOptions) => Promise<RunningService>;

const STARTERS: Record<string, Starter> = {
  content: (env, options) => startContentSubgraph(loadContentConfig(env), options),
  achievements: (env, options) => startAchievementsSubgraph(loadAchievementsConfig(env), options),
  experiments: (env, options) => startExperimentsSubgraph(loadExperimentsConfig(env), options),
  emotion: (env, options) => startEmotionSubgraph(loadEmotionConfig(env), options),
};

const name = process.argv[2] ?? '';
const start = STARTERS[name];
if (!start) throw new Error(`unknown subgraph "${name}": one of ${Object.keys(STARTERS).join(', ')}`);
let statements = 0;
process.on('message', (message: { type?: string }) => {
  if (message?.type === 'sql-count') process.send?.({ type: 'sql-count', statements });
});
runEntryPoint(name, () => start(process.env, { onQuery: () => statements++ }));
