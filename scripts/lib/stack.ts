import { loadGatewayConfig } from '../../gateway/src/config';
import { startGateway } from '../../gateway/src/server';
import type { Logger } from '../../lib/logger';
import { runShutdown } from '../../lib/server';
import type { ShutdownStep, Stoppable } from '../../lib/server';
import { loadAchievementsConfig } from '../../subgraphs/achievements/src/config';
import { startAchievementsSubgraph } from '../../subgraphs/achievements/src/server';
import { startAchievementsWorker } from '../../subgraphs/achievements/src/worker';
import { loadContentConfig } from '../../subgraphs/content/src/config';
import { startContentSubgraph } from '../../subgraphs/content/src/server';
import { startContentWorker } from '../../subgraphs/content/src/worker';
import { loadEmotionConfig } from '../../subgraphs/emotion/src/config';
import { startEmotionSubgraph } from '../../subgraphs/emotion/src/server';
import { startEmotionWorker } from '../../subgraphs/emotion/src/worker';
import { loadExperimentsConfig } from '../../subgraphs/experiments/src/config';
import { startExperimentsSubgraph } from '../../subgraphs/experiments/src/server';
import { startExperimentsWorker } from '../../subgraphs/experiments/src/worker';

/** A subgraph's name. */
export type SubgraphName = 'content' | 'achievements' | 'experiments' | 'emotion';

/** Options of {@link startStack} (tests). */
export interface StackOptions {
  /** Called with every SQL statement a subgraph's GraphQL server runs (its workers' are not counted). */
  onQuery?: (subgraph: SubgraphName, sql: string) => void;
}

/** The whole platform in one process. */
export interface Stack extends Stoppable {
  /** Public GraphQL URL of the gateway, e.g. `http://127.0.0.1:4000/graphql`. */
  gatewayUrl: string;
  /** Admin port of the gateway (`/healthz`, `/readyz`, `/metrics`). */
  gatewayAdminPort: number;
  /** GraphQL URL of each subgraph by name (only the gateway may call them). */
  subgraphUrls: Record<SubgraphName, string>;
  /** Admin port (`/healthz`, `/readyz`, `/metrics`) of each subgraph and worker. */
  adminPorts: Record<'content' | 'contentWorker' | 'achievements' | 'achievementsWorker' | 'experiments' | 'experimentsWorker' | 'emotion' | 'emotionWorker', number>;
}

/**
 * Starts the four subgraphs, their workers and the gateway in this process (each with its own
 * pool, NATS connection and admin port, as in production), in dependency order; `stop()` shuts
 * them down in reverse. The gateway is pointed at the subgraphs' actual URLs (ports may be 0)
 * unless `<NAME>_URL` overrides one.
 *
 * @param env the environment (every service parses its own variables from it)
 * @param options `onQuery` counts the subgraphs' SQL statements (tests)
 * @throws the first start-up error, after stopping what had started
 */
export async function startStack(env: NodeJS.ProcessEnv, logger: Logger, options: StackOptions = {}): Promise<Stack> {
  const statements = (subgraph: SubgraphName) => (options.onQuery ? { onQuery: (sql: string) => options.onQuery!(subgraph, sql) } : {});
  const steps: ShutdownStep[] = [];
  const track = <T extends Stoppable>(name: string, started: T): T => {
    steps.unshift({ name: `stop ${name}`, run: () => started.stop() });
    return started;
  };
  try {
    const content = track('content', await startContentSubgraph(loadContentConfig(env), statements('content')));
    const achievements = track('achievements', await startAchievementsSubgraph(loadAchievementsConfig(env), statements('achievements')));
    const experiments = track('experiments', await startExperimentsSubgraph(loadExperimentsConfig(env), statements('experiments')));
    const emotion = track('emotion', await startEmotionSubgraph(loadEmotionConfig(env), statements('emotion')));
    const achievementsWorker = track('achievements-worker', await startAchievementsWorker(loadAchievementsConfig(env)));
    const experimentsWorker = track('experiments-worker', await startExperimentsWorker(loadExperimentsConfig(env)));
    const emotionWorker = track('emotion-worker', await startEmotionWorker(loadEmotionConfig(env)));
    const contentWorker = track('content-worker', await startContentWorker(loadContentConfig(env)));
    const gateway = track(
      'gateway',
      await startGateway(
        loadGatewayConfig({
          ...env,
          CONTENT_URL: env.CONTENT_URL || content.url,
          ACHIEVEMENTS_URL: env.ACHIEVEMENTS_URL || achievements.url,
          EXPERIMENTS_URL: env.EXPERIMENTS_URL || experiments.url,
          EMOTION_URL: env.EMOTION_URL || emotion.url,
        }),
      ),
    );
    return {
      gatewayUrl: gateway.url,
      gatewayAdminPort: gateway.adminPort,
      subgraphUrls: { content: content.url, achievements: achievements.url, experiments: experiments.url, emotion: emotion.url },
      adminPorts: {
        content: content.adminPort,
        contentWorker: contentWorker.adminPort,
        achievements: achievements.adminPort,
        achievementsWorker: achievementsWorker.adminPort,
        experiments: experiments.adminPort,
        experimentsWorker: experimentsWorker.adminPort,
        emotion: emotion.adminPort,
        emotionWorker: emotionWorker.adminPort,
      },
      stop: () => runShutdown(steps, logger),
    };
  } catch (err) {
    await runShutdown(steps, logger);
    throw err;
  }
}
