/** Exponential backoff between restarts of a crashed service (all durations in milliseconds). */
export interface RestartBackoff {
  /** Delay before the first restart, and after a run that lasted `resetAfterMs`. */
  initialMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
  /** A run at least this long counts as healthy: the next delay starts again at `initialMs`. */
  resetAfterMs: number;
}

/** `npm start`'s backoff: 500 ms doubling up to 30 s, reset after 60 s up. */
export const DEFAULT_RESTART_BACKOFF: Readonly<RestartBackoff> = Object.freeze({ initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 });

/**
 * The delay before restarting a service that just exited: `initialMs` for a first crash or
 * after a run of at least `resetAfterMs`, otherwise twice the previous delay, capped at `maxMs`.
 *
 * @param previousDelayMs the delay used before the run that just ended (null when it was the first run)
 * @param uptimeMs how long that run lasted, in ms
 * @returns the delay in ms, e.g. 500, 1000, 2000 ... 30000, 30000 for a service crashing at once
 */
export function nextRestartDelay(previousDelayMs: number | null, uptimeMs: number, backoff: RestartBackoff = DEFAULT_RESTART_BACKOFF): number {
  if (previousDelayMs === null || uptimeMs >= backoff.resetAfterMs) return backoff.initialMs;
  return Math.min(previousDelayMs * 2, backoff.maxMs);
}
