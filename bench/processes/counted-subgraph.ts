// A subgraph served as `subgraphs/<name>/src/main.ts` serves it, plus a count of its SQL
// statements that the bench reads over the IPC channel: `{ type: 'sql-count' }` is answered with
// `{ type: 'sql-count', statements }` (the number since the start). It also profiles itself on
// request: `{ type: 'cpu-profile-start' }` starts V8's CPU profiler on its main thread (1 ms
// sampling, as `--cpu-prof`), answered with `cpu-profile-started`; `{ type: 'cpu-profile-stop',
// path }` writes the profile there as a `.cpuprofile`, answered with `cpu-profile-stopped`. A
// failure is answered with the same type and an `error`.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
const profiler = new Session();
profiler.connect();

/** Runs `step`, then answers `reply` (with the error's message when it failed). */
function answer(reply: string, step: () => Promise<void>): void {
  step().then(
    () => process.send?.({ type: reply }),
    (err: unknown) => process.send?.({ type: reply, error: err instanceof Error ? err.message : String(err) }),
  );
}

process.on('message', (message: { type?: string; path?: string }) => {
  if (message?.type === 'sql-count') process.send?.({ type: 'sql-count', statements });
  if (message?.type === 'cpu-profile-start') {
    answer('cpu-profile-started', async () => {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
      await profiler.post('Profiler.start');
    });
  }
  if (message?.type === 'cpu-profile-stop') {
    answer('cpu-profile-stopped', async () => {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(message.path!, JSON.stringify(profile));
      await profiler.post('Profiler.disable');
    });
  }
});
// The outbox relay's background statements (lib/outbox/outbox-rows.ts: its probe once a second, its
// prune once a minute, the backlog gauges when scraped) run whatever the load: not statements of a
// request. A request's own outbox writes are counted.
const BACKGROUND = /^\s*(select exists \(select 1 from "\w+"\."outbox"|delete from "\w+"\."outbox"|select count\(\*\) as count, extract\(epoch from now\(\) - min\(created_at\)\))/;
runEntryPoint(name, () => start(process.env, { onQuery: (sql) => void (BACKGROUND.test(sql) || statements++) }));
