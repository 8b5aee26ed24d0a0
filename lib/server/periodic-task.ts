import type { Logger } from '../logger';

/** A running {@link startPeriodicTask}. */
export interface PeriodicTask {
  /** Runs one pass now (not overlapping a running one) and returns its result. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` ms, never two at once (a tick during a pass is skipped); a
 * failed pass is logged at warn and retried at the next tick. Used by the sweepers that
 * republish rows written while NATS was down.
 */
export function startPeriodicTask(options: { name: string; intervalMs: number; logger: Pick<Logger, 'warn'>; pass: () => Promise<number> }): PeriodicTask {
  let running: Promise<number> | null = null;
  const runOnce = (): Promise<number> => {
    running ??= options.pass().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (running) return;
    runOnce().catch((err: unknown) => options.logger.warn({ err, task: options.name }, 'periodic task failed; retrying at the next tick'));
  }, options.intervalMs);
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
