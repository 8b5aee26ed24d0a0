import type { Logger } from '../logger';

/** One step of a graceful shutdown, run in registration order. */
export type ShutdownStep = { name: string; run: () => Promise<void> };

/**
 * Runs shutdown steps in order (stop accepting, drain NATS, close the pool...), logging and
 * continuing past a failing step so that later resources are still released.
 */
export async function runShutdown(steps: ShutdownStep[], logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step.run();
    } catch (err) {
      logger.error({ err, step: step.name }, 'shutdown step failed');
    }
  }
}

/**
 * Calls `stop` once on SIGINT or SIGTERM, then exits (0, or 1 if `stop` threw). A second signal
 * exits at once.
 */
export function onSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
